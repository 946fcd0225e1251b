using Newsdesk.Discord.Rest;
using Newsdesk.Discord.Wire;

namespace Newsdesk.Discord.Replies;

/// <summary>The reply to one interaction, which is either ready within the budget (sent as the HTTP response, type
/// 4) or not (type 5 now, then an edit of the original message through the interaction webhook). The lock makes
/// the choice once: a message is never both inlined and edited in, and never lost between the two.</summary>
public sealed class DiscordPendingResponse(DiscordRestClient rest, string interactionToken, bool isEphemeral)
{
    private readonly Lock gate = new();
    private readonly TaskCompletionSource<DiscordMessagePayload> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource inlineSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool isDeferred;

    public bool IsEphemeral => isEphemeral;

    /// <summary>Waits for the message until <paramref name="deadline"/> (started before the work was queued, so the
    /// budget counts from the request), then answers with it or defers.</summary>
    public async Task<DiscordEndpointReply> RespondAsync(Task deadline)
    {
        await Task.WhenAny(ready.Task, deadline);
        lock (gate)
        {
            if (ready.Task.IsCompletedSuccessfully) return new DiscordEndpointReply(DiscordInteractionResponse.Message(ready.Task.Result), () => inlineSent.TrySetResult());
            isDeferred = true;
        }
        return new DiscordEndpointReply(DiscordInteractionResponse.Deferred(isEphemeral), () => acknowledged.TrySetResult());
    }

    /// <summary>For an interaction recovered after a restart: Discord already has our first response (or never will),
    /// so the message can only be an edit of the original, which is idempotent (PATCH).</summary>
    public DiscordPendingResponse AlreadyAcknowledged()
    {
        lock (gate) isDeferred = true;
        acknowledged.TrySetResult();
        return this;
    }

    /// <summary>Hands the message over: into the HTTP response if it is still open, else as an edit of the deferred
    /// reply, once Discord has been sent the deferral.</summary>
    public async Task DeliverAsync(DiscordMessagePayload message, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!isDeferred) ready.TrySetResult(message with { Flags = isEphemeral ? DiscordMessagePayload.Ephemeral : null });
        }
        if (ready.Task.IsCompleted)
        {
            // Delivered only once the HTTP response carrying it has been written: until then a crash would lose it,
            // so the caller (which then drops the question from the chat journal) must wait.
            await inlineSent.Task.WaitAsync(cancellationToken);
            return;
        }
        await acknowledged.Task.WaitAsync(cancellationToken);
        // Flags were fixed by the deferral; an edit cannot change them.
        await rest.EditOriginalResponseAsync(interactionToken, message with { Flags = null }, cancellationToken);
    }
}
