using Microsoft.Extensions.Logging;

namespace Newsdesk.Slack.WebApi;

/// <summary>The bot's own Slack user id, learnt once through auth.test. Until it is known, an app_mention's first
/// mention is taken to be the bot's, so no event waits long for it.</summary>
public sealed class SlackBotIdentity(SlackWebApiClient client, TimeProvider time, ILogger<SlackBotIdentity> logger) : IDisposable
{
    private static readonly TimeSpan LookupBudget = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? userId;

    public async Task<string?> GetUserIdAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref userId) is { } known) return known;
        // The lookup runs inside an acknowledgement, so it gets a small budget; a later event tries again.
        using var budget = new CancellationTokenSource(LookupBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, cancellationToken);
        try
        {
            await gate.WaitAsync(linked.Token);
            try
            {
                if (userId is null) Volatile.Write(ref userId, await client.GetBotUserIdAsync(linked.Token));
                return userId;
            }
            finally
            {
                gate.Release();
            }
        }
        catch (Exception exception) when (exception is SlackApiException or HttpRequestException
                                              || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("Could not learn the bot's user id from auth.test: {Error}", exception.Message);
            return null;
        }
    }

    public void Dispose() => gate.Dispose();
}
