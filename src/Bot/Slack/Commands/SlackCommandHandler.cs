using System.Text.Json.Nodes;
using Newsdesk.Beat;
using Newsdesk.Chat;
using Newsdesk.Chat.Intake;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;

using Newsdesk.Digest;
using Newsdesk.Slack.Events;
using Newsdesk.Slack.Posting;
using Newsdesk.Slack.Replies;
using Newsdesk.Slack.WebApi;
using Newsdesk.Slack.Wire;

namespace Newsdesk.Slack.Commands;

/// <summary><c>/newsdesk ask|ask!|story|digest|sources|help</c>. <see cref="HandleAsync"/> returns the immediate (ephemeral)
/// acknowledgement, which Slack needs within 3,000 ms (docs/protocols.md, "Slash commands"); the real answer follows
/// through response_url.</summary>
public sealed class SlackCommandHandler(
    ChatIntake intake,
    IChatReplayGuard replays,
    SlackWebApiClient client,
    SlackAnswerFormatter formatter,
    IAnswerFeedbackStore feedback,
    SlackAdminCommands admin,
    IKnowledgeStore knowledge,
    PassageRetriever retriever,
    DigestPreview digest,
    BeatJudge beat,
    SlackStoryCommand story)
{
    private const int ListedStories = 10;

    public const string AlreadyHandled = "This request was already handled.";

    /// <summary>Slack refuses a signature older than five minutes (docs/protocols.md, "Slack request signing"), so a
    /// trigger_id kept an hour outlives every replay that could still pass the check.</summary>
    public static readonly TimeSpan ReplayRetention = TimeSpan.FromHours(1);

    /// <param name="correlationId">The HTTP request's id; null (or empty) over Socket Mode, where one is made up.</param>
    public async Task<JsonObject> HandleAsync(SlackCommand command, string? correlationId)
    {
        // Slack never re-sends a slash command, so a trigger_id seen before (here, after a restart, or by another
        // process on the store) is a captured request sent again: it runs nothing.
        if (command.TriggerId is { Length: > 0 } trigger
            && !await replays.TryClaimAsync($"Slack:trigger:{trigger}", ReplayRetention, CancellationToken.None))
            return Ephemeral(AlreadyHandled);
        var text = SlackText.Decode(command.Text).Trim();
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var verb = (space < 0 ? text : text[..space]).ToLowerInvariant();
        var rest = space < 0 ? "" : text[(space + 1)..].Trim();
        return verb switch
        {
            "ask" or "ask!" when rest.Length > 0 => await AcceptAsync(command, rest, isInChannel: verb == "ask!", null, correlationId),
            "mode" => await AdminAsync(command, $"/newsdesk mode {rest}", ct => admin.ModeAsync(command, rest, ct), correlationId),
            "feeds" => await AdminAsync(command, $"/newsdesk feeds {rest}", ct => admin.FeedsAsync(command, rest, ct), correlationId),
            "digest" when SlackAdminCommands.IsDigestChange(rest) => await AdminAsync(command, $"/newsdesk digest {rest}", ct => admin.DigestAsync(command, rest, ct), correlationId),
            "digest" => await AcceptAsync(command, "/newsdesk digest", false, DigestAsync, correlationId),
            "story" when rest.Length > 0 => await AcceptAsync(command, $"/newsdesk story {rest}", false, ct => story.PageAsync(rest, 1, ct), correlationId),
            "sources" => await AcceptAsync(command, $"/newsdesk sources {rest}", false, ct => SourcesAsync(rest, ct), correlationId),
            "" or "help" or "ask" or "ask!" or "story" => Ephemeral(SlackNotices.Help),
            _ => Ephemeral($"I don't know \"{verb}\".\n{SlackNotices.Help}"),
        };
    }

    /// <summary>Every command is inbox work through the <see cref="ChatIntake"/>; the refusal, if any, is the
    /// ephemeral acknowledgement itself (nothing queued, no response_url call). Not journalled: an answer through
    /// response_url cannot be looked up afterwards (it is usually ephemeral, and Slack offers no read-back), so a
    /// re-send after a crash could not be made idempotent; a public duplicate (<c>ask!</c>) is worse than the asker
    /// seeing "Looking…" and asking again. See docs/reliability.md, "SIGKILL mid-answer".</summary>
    private async Task<JsonObject> AcceptAsync(SlackCommand command, string question, bool isInChannel,
        Func<CancellationToken, Task<SlackMessageContent>>? compose, string? correlationId)
    {
        var reply = new SlackResponseUrlReply(client, formatter, command.ResponseUrl, isInChannel, feedback);
        var platformId = $"command:{command.UserId}:{Guid.NewGuid():N}";
        var job = new ChatJob(string.IsNullOrEmpty(correlationId) ? platformId : correlationId, SlackEventDispatcher.Platform, new Question(question), reply)
        {
            PlatformId = platformId,
            Run = compose is null ? null : async ct =>
            {
                var message = await compose(ct);
                return send => reply.SendAsync(message, send);
            },
        };
        var acceptance = await intake.AcceptAsync(new ChatIntakeRequest(command.UserId, command.ChannelId, job), CancellationToken.None);
        return Ephemeral(acceptance.IsQueued ? SlackNotices.Looking : acceptance.Refusal);
    }

    /// <summary>A set-up command: inbox work like the others (rate-limited, bounded), its permission check included,
    /// since <c>users.info</c> is a Web API call that must not hold the 3-second acknowledgement.</summary>
    private Task<JsonObject> AdminAsync(SlackCommand command, string text, Func<CancellationToken, Task<string>> run, string? correlationId) =>
        AcceptAsync(command, text, false, async ct => formatter.FormatNotice(await run(ct)), correlationId);

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
