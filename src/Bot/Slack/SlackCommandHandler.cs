using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Newsdesk.Beat;
using Newsdesk.Chat;
using Newsdesk.Chat.RateLimiting;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;

using Newsdesk.Digest;

namespace Newsdesk.Slack;

/// <summary><c>/newsdesk ask|ask!|digest|sources|help</c>. <see cref="Handle"/> returns the immediate (ephemeral)
/// acknowledgement, which Slack needs within 3,000 ms (PROTOCOLS.md S4); the real answer follows through
/// response_url.</summary>
public sealed class SlackCommandHandler(
    ChatInbox inbox,
    ChatRateLimiter limiter,
    SlackWebApiClient client,
    SlackAnswerFormatter formatter,
    KnowledgeStore knowledge,
    PassageRetriever retriever,
    DigestPreview digest,
    BeatJudge beat,
    ILogger<SlackCommandHandler> logger)
{
    private const int ListedStories = 10;

    /// <param name="correlationId">The HTTP request's id; null (or empty) over Socket Mode, where one is made up.</param>
    public JsonObject Handle(SlackCommand command, string? correlationId)
    {
        var text = SlackText.Decode(command.Text).Trim();
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var verb = (space < 0 ? text : text[..space]).ToLowerInvariant();
        var rest = space < 0 ? "" : text[(space + 1)..].Trim();
        return verb switch
        {
            "ask" or "ask!" when rest.Length > 0 => Ask(command, rest, isInChannel: verb == "ask!", correlationId),
            "digest" => Later(command, DigestAsync),
            "sources" => Later(command, ct => SourcesAsync(rest, ct)),
            "" or "help" or "ask" or "ask!" => Ephemeral(SlackNotices.Help),
            _ => Ephemeral($"I don't know \"{verb}\".\n{SlackNotices.Help}"),
        };
    }

    /// <summary>Not journalled: an answer through response_url cannot be looked up afterwards (it is usually
    /// ephemeral, and Slack offers no read-back), so a re-send after a crash could not be made idempotent; a public
    /// duplicate (<c>ask!</c>) is worse than the asker seeing "Looking…" and asking again. See
    /// docs/reliability.md, "SIGKILL mid-answer".</summary>
    private JsonObject Ask(SlackCommand command, string question, bool isInChannel, string? correlationId)
    {
        // The refusal is the ephemeral acknowledgement itself: nothing queued, no response_url call.
        var limit = limiter.TryAcquire(SlackEventDispatcher.Platform, command.UserId, command.ChannelId);
        if (!limit.IsAllowed) return Ephemeral(limit.Message);
        var reply = new SlackResponseUrlReply(client, formatter, command.ResponseUrl, isInChannel);
        var platformId = $"command:{command.UserId}:{Guid.NewGuid():N}";
        var job = new ChatJob(string.IsNullOrEmpty(correlationId) ? platformId : correlationId, SlackEventDispatcher.Platform, new Question(question), reply) { PlatformId = platformId };
        return inbox.TryEnqueue(job) ? Ephemeral(SlackNotices.Looking) : Ephemeral(SlackNotices.Busy);
    }

    private JsonObject Later(SlackCommand command, Func<CancellationToken, Task<SlackMessageContent>> compose)
    {
        var reply = new SlackResponseUrlReply(client, formatter, command.ResponseUrl, isInChannel: false);
        _ = Task.Run(async () =>
        {
            try
            {
                await reply.SendAsync(await compose(CancellationToken.None), CancellationToken.None);
            }
            catch (Exception exception)
            {
                logger.LogWarning("The {Command} command failed: {Error}", command.Text, exception.Message);
                try { await reply.SendFailureAsync(CancellationToken.None); }
                catch (Exception again) { logger.LogWarning("Sending the apology failed: {Error}", again.Message); }
            }
        });
        return Ephemeral(SlackNotices.Looking);
    }

    /// <summary>Today's digest exactly as the scheduled one would be composed now.</summary>
    private async Task<SlackMessageContent> DigestAsync(CancellationToken cancellationToken) =>
        SlackDigestFormatter.Format(await digest.BuildAsync(cancellationToken), marker: "preview");

    private async Task<SlackMessageContent> SourcesAsync(string topic, CancellationToken cancellationToken)
    {
        if (topic.Length == 0)
            return formatter.FormatDocuments("Stories I follow, newest first", (await knowledge.ListDocumentsAsync(int.MaxValue, cancellationToken))
                .Where(d => beat.IsOnBeat(d.Source)).Take(ListedStories * 2).ToList());
        var found = await retriever.RetrieveAsync(topic, cancellationToken);
        var documents = found.Passages
            .Select(p => p.Passage)
            .Where(p => beat.IsOnBeat(p.Source))
            .DistinctBy(p => p.Source)
            .Select(p => new DocumentSummary(p.Source, p.Title, p.Url, null, null, p.AddedAt))
            .ToList();
        return found.IsCovered && documents.Count > 0
            ? formatter.FormatDocuments($"Stories about \"{topic}\"", documents)
            : formatter.FormatNotice($"I follow no stories about \"{topic}\". Try /newsdesk sources to see what I do follow.");
    }

    private static JsonObject Ephemeral(string text) => new()
    {
        ["response_type"] = "ephemeral",
        ["text"] = SlackText.Escape(text),
    };
}
