using Newsdesk.Chat;
using Newsdesk.Chat.RateLimiting;
using Newsdesk.Discord.Replies;
using Newsdesk.Discord.Wire;

namespace Newsdesk.Discord.Commands;

/// <summary>/ask: queues the question for the chat workers and answers within the budget or defers.</summary>
public sealed class DiscordAskHandler(
    ChatInbox inbox, DiscordResponder responder, DiscordFeedbackStore feedback, ChatRateLimiter limiter, ChatJournal journal, TimeProvider time)
{
    public const string Busy = "I'm answering a lot of questions right now. Please try again in a moment.";
    public const string Empty = "Please type a question, for example: /ask question: Who shut down AllofMP3?";

    /// <param name="correlationId">The HTTP request's id (null outside the web host's middleware).</param>
    public async Task<DiscordEndpointReply> HandleAsync(string interactionId, string interactionToken, DiscordInteractionData data,
        string? userId, string? channelId, string? correlationId)
    {
        var text = data.StringOption("question")?.Trim();
        if (string.IsNullOrEmpty(text)) return Say(Empty);
        // Refused before anything is queued; the ephemeral reply is the HTTP response, so it costs no extra call.
        var limit = limiter.TryAcquire("Discord", userId, channelId);
        if (!limit.IsAllowed) return Say(limit.Message);
        var isEphemeral = data.BooleanOption("private");
        var pending = responder.CreatePending(interactionToken, isEphemeral);
        // Questions already waiting mean this answer cannot come within the budget: defer at once, so the
        // acknowledgement never waits on answering under load (benchmarks/Bot.LoadRunner, docs/reliability.md, "Load").
        var deadline = inbox.Depth > 0 ? Task.CompletedTask : responder.StartDeadline();
        var job = new ChatJob(correlationId ?? interactionId, DiscordReplyRestorer.Platform, new Question(text), new DiscordInteractionReply(pending, feedback, interactionId))
        {
            PlatformId = interactionId,
            JournalKey = $"{DiscordReplyRestorer.Platform}:{interactionId}",
        };
        // Journalled before the first response goes out, so a crash from here on loses nothing; without a journal
        // (a full disk) the question is still answered.
        var entry = new ChatJournalEntry(job.JournalKey, job.Platform, job.CorrelationId, job.Question,
            DiscordReplyRestorer.Save(interactionToken, interactionId, isEphemeral), time.GetUtcNow());
        if (!await journal.TryAddAsync(entry, CancellationToken.None)) job = job with { JournalKey = null };
        // Asked again after the journal's commit: in a burst, every request waits on the same commit with the inbox
        // still empty, and would all wait out the budget (measured: ack p95 2 s at 500 concurrent).
        if (inbox.Depth > 0) deadline = Task.CompletedTask;
        if (!inbox.TryEnqueue(job))
        {
            if (job.JournalKey is { } key) _ = journal.RemoveAsync(key, CancellationToken.None);
            return Say(Busy);
        }
        return await pending.RespondAsync(deadline);
    }

    private static DiscordEndpointReply Say(string text) =>
        new(DiscordInteractionResponse.Message(DiscordMessagePayload.Text(text, isEphemeral: true)));
}
