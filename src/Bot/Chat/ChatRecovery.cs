using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Newsdesk.Chat;

/// <summary>Keeps the chat journal's leases: at start-up it takes over every journalled question whose lease has
/// expired (its process was killed, or let it go on shutdown) and puts it back in the inbox under the correlation id
/// it was accepted with; then, every third of <see cref="ChatOptions.JournalLease"/>, it renews this process's leases
/// and takes over what another process has since left. A question whose reply window has passed (a Discord token is
/// dead after 15 minutes) is dropped with a log line and counted, since no reply could reach the person. Each
/// platform's <see cref="IChatReplyRestorer"/> rebuilds the reply channel, which checks before it posts that the reply
/// is not already there. Registered before the workers, so it stops after their drain and renews through it; then it
/// releases what this process still holds, so a successor takes it over at once.</summary>
public sealed class ChatRecovery(
    IChatJournal journal, ChatInbox inbox, IEnumerable<IChatReplyRestorer> restorers, ChatMetrics metrics, IOptions<ChatOptions> options,
    TimeProvider time, ILogger<ChatRecovery> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private Task? leasing;
    private int isRenewalFailing;
    private int isTakeOverFailing;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await TakeOverAsync(cancellationToken);
        leasing = Task.Run(() => KeepLeasesAsync(stopping.Token), CancellationToken.None);
    }

    private async Task KeepLeasesAsync(CancellationToken cancellationToken)
    {
        var period = options.Value.JournalLease / 3;
        try
        {
            while (true)
            {
                await Task.Delay(period, time, cancellationToken);
                try
                {
                    await journal.RenewAsync(cancellationToken);
                    if (Interlocked.Exchange(ref isRenewalFailing, 0) == 1) logger.LogInformation("The chat journal's leases are renewed again");
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // Once per outage, not every few seconds: a full disk is already reported by the store's health.
                    if (Interlocked.Exchange(ref isRenewalFailing, 1) == 0)
                        logger.LogWarning("Could not renew the chat journal's leases ({Error}); another process may take over this one's questions", error.Message);
                }
                await TakeOverAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass: take over expired entries and queue them (or drop them when too old). It never throws but
    /// for cancellation: a pass that fails is logged (once per outage) and the next one tries again, and an entry that
    /// fails costs that entry only, since a throw here would end the renewal loop for good or fail the host's start.</summary>
    public async Task TakeOverAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ChatJournalEntry> entries;
        try
        {
            entries = await journal.TakeOverExpiredAsync(cancellationToken);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            if (Interlocked.Exchange(ref isTakeOverFailing, 1) == 0)
                logger.LogError("Could not take over the chat journal's expired entries; unanswered questions of stopped processes wait until it can: {Error}", error.Message);
            return;
        }
        Interlocked.Exchange(ref isTakeOverFailing, 0);
        var now = time.GetUtcNow();
        foreach (var entry in entries)
        {
            ChatJob? job;
            try
            {
                job = await PrepareAsync(entry, now, cancellationToken);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(error, "Could not recover unanswered question {Key} from a stopped process; released for another try", entry.Key);
                metrics.Recovered(entry.Platform, "failed");
                await ReleaseQuietlyAsync(entry.Key, cancellationToken);
                continue;
            }
            if (job is not null) await QueueAsync(entry, job, cancellationToken);
        }
    }

    /// <summary>The job that answers the entry again, or null when the entry was dropped (past its reply window, its
    /// adapter off, its reply unreadable). Queues nothing: what fails here leaves no job behind, so releasing the entry
    /// cannot let another process take over a question that this one also has queued.</summary>
    private async Task<ChatJob?> PrepareAsync(ChatJournalEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope("CorrelationId:{CorrelationId} Platform:{Platform}", entry.CorrelationId, entry.Platform);
        var restorer = restorers.FirstOrDefault(r => r.Platform == entry.Platform);
        var age = now - entry.AcceptedAt;
        if (restorer is null || age > restorer.ReplyWindow)
        {
            logger.LogWarning("Dropped unanswered question {Key} from a stopped process: {Reason}", entry.Key,
                restorer is null ? $"the {entry.Platform} adapter is off" : $"accepted {age.TotalMinutes:0.#} min ago, past the reply window");
            metrics.Recovered(entry.Platform, "expired");
            await journal.RemoveAsync(entry.Key, cancellationToken);
            return null;
        }
        IReplyChannel reply;
        try { reply = restorer.Restore(entry.Reply); }
        catch (Exception error)
        {
            // Restoring reads only what the journal holds, so it would fail the same way on every pass: dropped, not retried.
            logger.LogError("Dropped unanswered question {Key} from a stopped process: its reply could not be read ({Error})", entry.Key, error.Message);
            metrics.Recovered(entry.Platform, "unreadable");
            await journal.RemoveAsync(entry.Key, cancellationToken);
            return null;
        }
        return new ChatJob(entry.CorrelationId, entry.Platform, entry.Question, reply)
        {
            PlatformId = entry.Key,
            JournalKey = entry.Key,
            Run = reply is IRerunnableReply rerun ? ct => rerun.ComposeAgainAsync(entry.Question, ct) : null,
        };
    }

    /// <summary>Hands the job to the inbox. Once queued, the entry is the job's: its worker removes or releases it, and
    /// nothing here releases it, even when the count or the log line after the queueing throws. Released, that entry
    /// could be taken over by another process while this one still answers it, and this one's lease check before
    /// sending would then pass on a lease that both think theirs, so one question would be answered twice.</summary>
    private async Task QueueAsync(ChatJournalEntry entry, ChatJob job, CancellationToken cancellationToken)
    {
        bool isQueued;
        try
        {
            isQueued = inbox.TryEnqueue(job);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            // The inbox counts the job after writing it, so a throw may come after it was queued: held, not released.
            // Were it not queued, this process keeps the entry until it stops and then lets it go for a successor: late,
            // where releasing it now could have it answered twice.
            logger.LogError(error, "Could not tell whether unanswered question {Key} from a stopped process was queued again; this process keeps it", entry.Key);
            return;
        }
        if (!isQueued)
        {
            // Released, not held: held, this process would renew a lease on a question it is not answering.
            await ReleaseQuietlyAsync(entry.Key, cancellationToken);
        }
        try
        {
            using var scope = logger.BeginScope("CorrelationId:{CorrelationId} Platform:{Platform}", entry.CorrelationId, entry.Platform);
            metrics.Recovered(entry.Platform, isQueued ? "requeued" : "busy");
            logger.LogInformation("Recovered unanswered question {Key} from a stopped process ({Outcome})", entry.Key, isQueued ? "queued again" : "inbox full or closed, released for another try");
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(error, "Recovered unanswered question {Key} from a stopped process, but could not report it", entry.Key);
        }
    }

    /// <summary>Another pass, or another process, tries the entry again once its lease is let go; if even that write
    /// fails, the lease runs out on its own.</summary>
    private async Task ReleaseQuietlyAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await journal.ReleaseAsync(key, cancellationToken);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not release chat journal entry {Key} ({Error}); its lease expires on its own", key, error.Message);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (leasing is not null) await leasing;
        // Not bound to the host's shutdown token: one small write, and without it a successor waits out the lease.
        await journal.ReleaseAsync(null, CancellationToken.None);
    }

    public void Dispose() => stopping.Dispose();
}
