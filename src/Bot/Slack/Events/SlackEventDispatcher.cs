using Microsoft.Extensions.Logging;
using Newsdesk.Chat;
using Newsdesk.Chat.Intake;
using Newsdesk.Slack.Replies;
using Newsdesk.Slack.WebApi;
using Newsdesk.Slack.Wire;


namespace Newsdesk.Slack.Events;

/// <summary>Turns one Events API callback into at most one question in the inbox; used by the HTTP endpoint and by
/// Socket Mode alike. Everything here is quick (a read, one group commit, an enqueue) so the caller can acknowledge
/// well inside Slack's 3 seconds; answering happens in <see cref="ChatWorker"/>.</summary>
public sealed class SlackEventDispatcher(
    ISlackStore store,
    SlackBotIdentity identity,
    SlackWebApiClient client,
    SlackAnswerFormatter formatter,
    IAnswerFeedbackStore feedback,
    ISlackChannelModeStore modes,
    ChatIntake intake,
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
        var unaddressed = isMention || isDirect || isMessageMention ? Unaddressed.No : await UnaddressedAsync(e, cancellationToken);
        if (!isMention && !isDirect && !isMessageMention && unaddressed == Unaddressed.No) return;

        var question = SlackText.StripBotMention(e.Text, botUserId, isMention || isMessageMention);
        List<string> keys = [$"message:{e.Channel}:{e.Ts}"];
        if (envelope.EventId is { Length: > 0 } eventId) keys.Add($"event:{eventId}");

        // Replies go in the thread: its root when the message is in one, else the message itself; a DM outside a
        // thread is answered in the conversation.
        var threadRoot = e.ThreadTs ?? e.Ts;
        var replyThread = isDirect && e.ThreadTs is null ? null : threadRoot;
        var replyKey = new SlackReplyKey(e.Channel, replyThread, e.Ts, keys[0]) { IsUnaddressed = unaddressed == Unaddressed.ChannelQuestion };
        var reply = new SlackThreadReply(client, formatter, e.Channel, replyThread, replyKey, feedback: feedback,
            isSilentWhenNotCovered: replyKey.IsUnaddressed);
        // Claimed before the acknowledgement (the caller's 200 or Socket Mode ack): a retry or the message copy of
        // a mention finds the claim and does nothing.
        if (!await store.TryClaimAsync(keys, cancellationToken))
        {
            logger.LogInformation("Slack event {EventId} for message {Ts} was already handled", envelope.EventId, e.Ts);
            return;
        }
        if (question.Length == 0)
        {
            RunInBackground(() => reply.SendNoticeAsync(SlackNotices.Help, CancellationToken.None), envelope.EventId);
            return;
        }

        var platformId = envelope.EventId ?? $"{e.Channel}:{e.Ts}";
        var earlier = await store.LoadTurnsAsync(e.Channel, threadRoot, EarlierTurnLimit, cancellationToken);
        // The thread as its earlier turns are kept (channel and root), within its workspace: what it was answered with
        // is kept under this name (Question.Thread).
        var thread = $"slack:{envelope.TeamId}:{e.Channel}:{threadRoot}";
        var job = new ChatJob(correlationId ?? platformId, Platform, new Question(question, earlier) { Thread = thread }, reply) { PlatformId = platformId };
        var entry = new ChatJournalEntry($"{Platform}:{platformId}", Platform, job.CorrelationId, job.Question, SlackReplyRestorer.Save(replyKey), time.GetUtcNow());
        var accepted = new SlackAcceptedQuestion(e.Channel, threadRoot, e.Ts, question, entry);
        // The thread's turn is written with the journal entry, in one commit, and taken back with it if refused.
        var acceptance = await intake.AcceptAsync(new ChatIntakeRequest(e.User, e.Channel, job)
        {
            Journal = entry,
            JournalAsync = ct => store.AcceptAsync(accepted, ct),
            UndoJournalAsync = ct => store.ForgetAsync(accepted, ct),
        }, cancellationToken);
        // Each notice is a post, so a burst of refusals is told once (per person, or per channel for its limit).
        if (!acceptance.IsQueued && acceptance.ShouldNotify)
            RunInBackground(() => reply.SendNoticeAsync(acceptance.Refusal, CancellationToken.None), envelope.EventId);
    }

    private enum Unaddressed { No, ChannelQuestion, ThreadFollowUp }

    /// <summary>A channel message that does not mention the bot (message.channels, message.groups) is answered when it
    /// reads as a question and mentions nobody else: in a thread the bot has answered in (the conversation goes on),
    /// or at the top level of a channel in <c>all</c> mode (answered in a thread, and declined silently when the news
    /// does not cover it).</summary>
    private async Task<Unaddressed> UnaddressedAsync(SlackEvent e, CancellationToken cancellationToken)
    {
        if (e.Type != "message" || e.ChannelType is not ("channel" or "group") || SlackText.MentionsSomeone(e.Text!)) return Unaddressed.No;
        if (!QuestionShape.ReadsAsQuestion(SlackText.Decode(e.Text!))) return Unaddressed.No;
        if (e.ThreadTs is { } thread && thread != e.Ts)
            return (await store.LoadTurnsAsync(e.Channel!, thread, 1, cancellationToken)).Count > 0 ? Unaddressed.ThreadFollowUp : Unaddressed.No;
        return await modes.GetAsync(e.Channel!, cancellationToken) == SlackChannelModeStore.All ? Unaddressed.ChannelQuestion : Unaddressed.No;
    }

    /// <summary>Short notices are sent off the acknowledgement path; failures are logged, never thrown at Slack.</summary>
    private void RunInBackground(Func<Task> send, string? eventId) =>
        _ = Task.Run(async () =>
        {
            try { await send(); }
            catch (Exception exception) { logger.LogWarning("Sending a notice for {EventId} failed: {Error}", eventId, exception.Message); }
        });
}
