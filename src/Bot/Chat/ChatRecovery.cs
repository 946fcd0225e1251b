using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Newsdesk.Chat;

/// <summary>At start-up, puts back in the inbox every journalled question the last run accepted but never answered
/// (it was killed), under the correlation id it was accepted with. A question whose reply window has passed (a
/// Discord token is dead after 15 minutes) is dropped with a log line and counted, since no reply could reach the
/// person. Each platform's <see cref="IChatReplyRestorer"/> rebuilds the reply channel, which checks before it posts
/// that the reply is not already there.</summary>
public sealed class ChatRecovery(
    ChatJournal journal, ChatInbox inbox, IEnumerable<IChatReplyRestorer> restorers, ChatMetrics metrics, TimeProvider time, ILogger<ChatRecovery> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ChatJournalEntry> entries;
        try
        {
            entries = await journal.LoadAsync(cancellationToken);
        }
        catch (Microsoft.Data.Sqlite.SqliteException error)
        {
            logger.LogError("Could not read the chat journal; unanswered questions from the last run are not recovered: {Error}", error.Message);
            return;
        }
        var now = time.GetUtcNow();
        foreach (var entry in entries)
        {
            using var scope = logger.BeginScope("CorrelationId:{CorrelationId} Platform:{Platform}", entry.CorrelationId, entry.Platform);
            var restorer = restorers.FirstOrDefault(r => r.Platform == entry.Platform);
            var age = now - entry.AcceptedAt;
            if (restorer is null || age > restorer.ReplyWindow)
            {
                logger.LogWarning("Dropped unanswered question {Key} from the last run: {Reason}", entry.Key,
                    restorer is null ? $"the {entry.Platform} adapter is off" : $"accepted {age.TotalMinutes:0.#} min ago, past the reply window");
                metrics.Recovered(entry.Platform, "expired");
                await journal.RemoveAsync(entry.Key, cancellationToken);
                continue;
            }
            IReplyChannel reply;
            try { reply = restorer.Restore(entry.Reply); }
            catch (System.Text.Json.JsonException error)
            {
                logger.LogError("Dropped unanswered question {Key} from the last run: its reply could not be read ({Error})", entry.Key, error.Message);
                metrics.Recovered(entry.Platform, "unreadable");
                await journal.RemoveAsync(entry.Key, cancellationToken);
                continue;
            }
            var job = new ChatJob(entry.CorrelationId, entry.Platform, entry.Question, reply) { PlatformId = entry.Key, JournalKey = entry.Key };
            // Left in the journal when the inbox is full: the next start tries again, within the window.
            var isQueued = inbox.TryEnqueue(job);
            metrics.Recovered(entry.Platform, isQueued ? "requeued" : "busy");
            logger.LogInformation("Recovered unanswered question {Key} from the last run ({Outcome})", entry.Key, isQueued ? "queued again" : "inbox full, left for the next start");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
