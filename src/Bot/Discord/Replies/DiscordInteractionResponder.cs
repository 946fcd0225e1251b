using Newsdesk.Chat;
using Newsdesk.Discord.Rest;
using Newsdesk.Discord.Wire;

namespace Newsdesk.Discord.Replies;

/// <summary>The reply to one interaction, and the one owner of "has it been answered yet". Like Discord.Net's
/// <c>RestInteraction</c>, it hands the HTTP layer the body of the first response: the message itself (type 4) when it
/// is ready within the budget, else a deferral (type 5) and later an edit of the original message through the
/// interaction webhook (docs/protocols.md, "Interactions"). The lock makes that choice once: a message is never both
/// inlined and edited in, and never lost between the two. Inline and deferred replies are counted
/// (<c>newsdesk_chat_first_responses_total</c>) so the inline path's worth is measured.</summary>
public sealed class DiscordInteractionResponder(
    DiscordRestClient rest, IAnswerFeedbackStore feedback, ChatMetrics metrics, string interactionToken, string answerKey, bool isEphemeral)
    : IReplyChannel
{
    public const string Platform = "Discord";

    private readonly Lock gate = new();
    private readonly TaskCompletionSource<DiscordMessagePayload> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource firstResponseSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool isDeferred;

    /// <summary>Waits for the message until <paramref name="deadline"/> (started when the request came in, so the
    /// budget counts from there), then returns the first response's body for the HTTP layer to write.</summary>
    public async Task<DiscordInteractionResponse> RespondAsync(Task deadline)
    {
        await Task.WhenAny(ready.Task, deadline);
        lock (gate)
        {
            if (ready.Task.IsCompletedSuccessfully)
            {
                metrics.FirstResponse(Platform, "inline");
                return DiscordInteractionResponse.Message(ready.Task.Result) with { AfterSent = FirstResponseSent };
            }
            isDeferred = true;
        }
        metrics.FirstResponse(Platform, "deferred");
        return DiscordInteractionResponse.Deferred(isEphemeral) with { AfterSent = FirstResponseSent };
    }

    /// <summary>For an interaction recovered after a restart: Discord already has our first response (or never will),
    /// so the message can only be an edit of the original, which is idempotent (PATCH).</summary>
    public DiscordInteractionResponder AlreadyAcknowledged()
    {
        lock (gate) isDeferred = true;
        firstResponseSent.TrySetResult();
        return this;
    }

    public async Task SendAnswerAsync(Answer answer, CancellationToken cancellationToken)
    {
        await feedback.SaveAnswerAsync(Platform, answerKey, answer, cancellationToken);
        await DeliverAsync(DiscordAnswerFormatter.Format(answer, answerKey), cancellationToken);
    }

    public Task SendFailureAsync(CancellationToken cancellationToken) => DeliverAsync(DiscordAnswerFormatter.FormatFailure(), cancellationToken);

    /// <summary>Hands the message over: into the HTTP response if it is still open, else as an edit of the deferred
    /// reply, once Discord has been sent the deferral.</summary>
    public async Task DeliverAsync(DiscordMessagePayload message, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!isDeferred) ready.TrySetResult(message with { Flags = isEphemeral ? DiscordMessagePayload.Ephemeral : null });
        }
        // Either way, delivered only once the HTTP response has been written: until then a crash would lose an inline
        // message, and an edit before Discord has seen the deferral would fail.
        await firstResponseSent.Task.WaitAsync(cancellationToken);
        if (ready.Task.IsCompleted) return;
        // Flags were fixed by the deferral; an edit cannot change them.
        await rest.EditOriginalResponseAsync(interactionToken, message with { Flags = null }, cancellationToken);
    }

    /// <summary>Called by the HTTP layer once the first response has been written, or has failed to be: a queued
    /// message must not wait forever (its edit then fails and is logged).</summary>
    private void FirstResponseSent() => firstResponseSent.TrySetResult();
}
