using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Discord.Rest;
using Newsdesk.Discord.Wire;

namespace Newsdesk.Discord.Replies;

/// <summary>Runs the work behind a command with the answer budget: inline if it finishes in time, else deferred and
/// edited in. A failure becomes the apology, so nobody is left looking at "thinking…".</summary>
public sealed class DiscordResponder(
    DiscordRestClient rest,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<DiscordResponder> logger)
{
    /// <summary>Starts the budget clock; started before work is queued so the budget counts from the request.</summary>
    public Task StartDeadline() => Task.Delay(TimeSpan.FromMilliseconds(options.Value.AnswerBudgetMilliseconds), time);

    public DiscordPendingResponse CreatePending(string interactionToken, bool isEphemeral) => new(rest, interactionToken, isEphemeral);

    public Task<DiscordEndpointReply> RunAsync(string interactionToken, bool isEphemeral, Func<CancellationToken, Task<DiscordMessagePayload>> work)
    {
        var pending = CreatePending(interactionToken, isEphemeral);
        var deadline = StartDeadline();
        var stopping = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            DiscordMessagePayload message;
            try
            {
                message = await work(stopping);
            }
            catch (Exception error) when (!stopping.IsCancellationRequested)
            {
                logger.LogError(error, "A Discord command failed");
                message = DiscordAnswerFormatter.FormatFailure();
            }
            try
            {
                await pending.DeliverAsync(message, stopping);
            }
            catch (Exception error) when (!stopping.IsCancellationRequested)
            {
                logger.LogWarning("Sending a Discord reply failed: {Error}", error.Message);
            }
        }, CancellationToken.None);
        return pending.RespondAsync(deadline);
    }
}
