using Microsoft.Extensions.Logging;
using Newsdesk.Chat;
using Newsdesk.Chat.RateLimiting;
using Newsdesk.Slack.Replies;
using Newsdesk.Slack.WebApi;
using Newsdesk.Slack.Wire;

namespace Newsdesk.Slack.Events;

/// <summary>Turns one Events API callback into at most one question in the inbox; used by the HTTP endpoint and by
/// Socket Mode alike. Everything here is quick (a read, one group commit, an enqueue) so the caller can acknowledge
/// well inside Slack's 3 seconds; answering happens in <see cref="ChatWorker"/>.</summary>
public sealed class SlackEventDispatcher(
    SlackStore store,
    SlackBotIdentity identity,
    SlackWebApiClient client,
    SlackAnswerFormatter formatter,
    ChatInbox inbox,
    ChatRateLimiter limiter,
    ChatJournal journal,
    TimeProvider time,
    ILogger<SlackEventDispatcher> logger)
{
    public const string Platform = "Slack";

    /// <summary>Earlier questions of a thread handed to the core; enough for a follow-up, small enough for a prompt.</summary>
    private const int EarlierTurnLimit = 10;

    /// <param name="correlationId">The HTTP request's id; null over Socket Mode, where the event id serves.</param>
    public async Task HandleAsync(SlackEventEnvelope envelope, string? correlationId, CancellationToken cancellationToken)
    {
        if (envelope.Type != "event_callback" || envelope.Event is not { } e) return;
        if (e.Channel is null || e.Ts is null || e.Text is null) return;
        // Bots (ourselves included) never get answers: no loops between bots, no replying to our own replies.
        if (e.BotId is not null || e.Subtype is "bot_message" || e.User is null or "USLACKBOT") return;
        // Edits, joins, deletions and the like are not questions.
        if (e.Subtype is not (null or "file_share")) return;

        var botUserId = await identity.GetUserIdAsync(cancellationToken);
        if (botUserId is not null && e.User == botUserId) return;
        var isMention = e.Type == "app_mention";
        var isDirect = e.Type == "message" && e.ChannelType == "im";
        // With message.channels subscribed, a mention also arrives as a plain message; the per-message key below
        // makes whichever copy comes first the only one answered.
        var isMessageMention = e.Type == "message" && botUserId is not null && SlackText.Mentions(e.Text, botUserId);
        if (!isMention && !isDirect && !isMessageMention) return;

        var question = SlackText.StripBotMention(e.Text, botUserId, isMention || isMessageMention);
        List<string> keys = [$"message:{e.Channel}:{e.Ts}"];
        if (envelope.EventId is { Length: > 0 } eventId) keys.Add($"event:{eventId}");

        // Replies go in the thread: its root when the message is in one, else the message itself; a DM outside a
        // thread is answered in the conversation.
        var threadRoot = e.ThreadTs ?? e.Ts;
        var replyThread = isDirect && e.ThreadTs is null ? null : threadRoot;
        var replyKey = new SlackReplyKey(e.Channel, replyThread, e.Ts, keys[0]);
        var reply = new SlackThreadReply(client, formatter, e.Channel, replyThread, replyKey);
        var platformId = envelope.EventId ?? $"{e.Channel}:{e.Ts}";
        ChatJob? job = null;
        SlackAcceptedQuestion? accepted = null;
        if (question.Length > 0)
        {
            var earlier = await store.LoadTurnsAsync(e.Channel, threadRoot, EarlierTurnLimit, cancellationToken);
            job = new ChatJob(correlationId ?? platformId, Platform, new Question(question, earlier), reply) { PlatformId = platformId, JournalKey = $"{Platform}:{platformId}" };
            accepted = new SlackAcceptedQuestion(e.Channel, threadRoot, e.Ts, question,
                new ChatJournalEntry(job.JournalKey, Platform, job.CorrelationId, job.Question, SlackReplyRestorer.Save(replyKey), time.GetUtcNow()));
        }
        // The claim, the thread's turn and the journal entry in one commit, before the acknowledgement (the caller's
        // 200 or Socket Mode ack): from here on a crash loses nothing.
        var claim = await store.TryClaimAsync(keys, accepted, cancellationToken);
        if (!claim.IsClaimed)
        {
            logger.LogInformation("Slack event {EventId} for message {Ts} was already handled", envelope.EventId, e.Ts);
            return;
        }
        if (job is null || accepted is null)
        {
            RunInBackground(() => reply.SendNoticeAsync(SlackNotices.Help, CancellationToken.None), envelope.EventId);
            return;
        }
        if (!claim.IsJournalled) job = job with { JournalKey = null };

        // Refused before anything is queued (its turn and journal entry are taken back); said once per burst, since
        // each notice is a post.
        var limit = limiter.TryAcquire(Platform, e.User, e.Channel);
        if (!limit.IsAllowed)
        {
            logger.LogInformation("Rate limit ({Scope}) refused a question from Slack user {User}", limit.Scope, e.User);
            RunInBackground(() => store.ForgetAsync(accepted, CancellationToken.None), envelope.EventId);
            if (limit.IsFirstRefusal) RunInBackground(() => reply.SendNoticeAsync(limit.Message, CancellationToken.None), envelope.EventId);
            return;
        }
        if (!inbox.TryEnqueue(job))
        {
            // Counted as newsdesk_chat_questions_total{outcome="busy"}; a warning per event flooded the log with
            // thousands of lines under exactly the load that causes them (docs/reliability.md, "Load").
            logger.LogDebug("Inbox full; telling Slack user {User} to try again", e.User);
            if (job.JournalKey is { } key) _ = journal.RemoveAsync(key, CancellationToken.None);
            RunInBackground(() => reply.SendNoticeAsync(SlackNotices.Busy, CancellationToken.None), envelope.EventId);
        }
    }

    /// <summary>Short notices are sent off the acknowledgement path; failures are logged, never thrown at Slack.</summary>
    private void RunInBackground(Func<Task> send, string? eventId) =>
        _ = Task.Run(async () =>
        {
            try { await send(); }
            catch (Exception exception) { logger.LogWarning("Sending a notice for {EventId} failed: {Error}", eventId, exception.Message); }
        });
}
