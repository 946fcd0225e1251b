using Microsoft.Extensions.Logging;
using Newsdesk.Chat.RateLimiting;

namespace Newsdesk.Chat.Intake;

/// <summary>The one acceptance policy for every platform and every command: rate limit, then journal, then enqueue,
/// then undo the journal if the inbox is full or closed. Nothing an adapter accepts runs outside the bounded inbox,
/// so every command is rate-limited, bounded and drained on shutdown alike. Quick (a few look-ups and at most one
/// group commit), so adapters call it on the acknowledgement path.</summary>
public sealed class ChatIntake(ChatRateLimiter limiter, IChatJournal journal, ChatInbox inbox, ILogger<ChatIntake> logger)
{
    /// <summary>True when work is already waiting: a reply cannot come within a short budget, so an adapter that
    /// could answer inline should not wait for it.</summary>
    public bool IsBacklogged => inbox.Depth > 0;

    public async Task<ChatAcceptance> AcceptAsync(ChatIntakeRequest request, CancellationToken cancellationToken)
    {
        var job = request.Job;
        var limit = limiter.TryAcquire(job.Platform, request.UserId, request.ChannelId);
        if (!limit.IsAllowed)
        {
            logger.LogInformation("Rate limit ({Scope}) refused a {Platform} request from user {User}", limit.Scope, job.Platform, request.UserId);
            return new ChatAcceptance(false, limit);
        }

        var isJournalled = request.JournalAsync is { } write ? await write(cancellationToken)
            : request.Journal is { } entry && await journal.TryAddAsync(entry, cancellationToken);
        // Without a journal (a full disk) the work is still done; it just would not survive a crash.
        job = job with { JournalKey = isJournalled ? request.Journal?.Key : null };
        var waiting = inbox.Depth;
        if (inbox.TryEnqueue(job)) return ChatAcceptance.Queued with { QueuedBehind = waiting };

        // Counted as newsdesk_chat_questions_total{outcome="busy"}; a line per refusal would flood the log under
        // exactly the load that causes them (docs/reliability.md, "Load").
        logger.LogDebug("Inbox full or closed; turning a {Platform} request away", job.Platform);
        // Not awaited: the refusal goes back at once; the undo joins the next group commit.
        if (isJournalled) _ = UndoAsync(request, CancellationToken.None);
        return ChatAcceptance.Busy;
    }

    private async Task UndoAsync(ChatIntakeRequest request, CancellationToken cancellationToken)
    {
        if (request.UndoJournalAsync is { } undo)
        {
            try { await undo(cancellationToken); }
            catch (Exception error) { logger.LogWarning("Taking back a refused {Platform} request failed: {Error}", request.Job.Platform, error.Message); }
        }
        else if (request.Journal is { } entry) await journal.RemoveAsync(entry.Key, cancellationToken);
    }
}
