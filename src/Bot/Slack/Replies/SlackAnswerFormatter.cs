using System.Text;
using System.Text.Json.Nodes;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Slack.Wire;

namespace Newsdesk.Slack.Replies;

/// <summary>Turns an <see cref="Answer"/> into Block Kit: the answer in a section, its sources as links in context
/// blocks, the backend (and any fallback) in a note, with a plain-text fallback. Keeps Slack's limits
/// (docs/protocols.md, "Slack messages"): at most 50 blocks, 3,000 characters per section text, <c>text</c> under 4,000, and 10
/// elements per context block (Block Kit reference).</summary>
public sealed class SlackAnswerFormatter
{
    public const int MaxBlocks = 50;
    public const int MaxSectionText = 3000;
    public const int MaxFallbackText = 3900;
    private const int MaxContextElements = 10;

    /// <param name="feedbackKey">The answer's key in the feedback store: adds the 👍/👎 buttons.</param>
    public SlackMessageContent Format(Answer answer, string? feedbackKey = null)
    {
        var blocks = new JsonArray { Section(SlackText.Escape(answer.Text)) };
        var plain = new StringBuilder(answer.Text);

        if (!answer.IsAnswered && answer.NearbyTopics.Count > 0)
        {
            var topics = string.Join("\n", answer.NearbyTopics.Select(t => "• " + SlackText.Escape(t)));
            blocks.Add(Section("*Stories I do follow:*\n" + topics));
        }

        var sources = answer.Citations.Select(SourceLink).ToList();
        // Leave room for the notes below; past that, sources are summarised rather than breaking the 50-block limit.
        foreach (var chunk in sources.Chunk(MaxContextElements).Take(MaxBlocks - blocks.Count - 3))
            blocks.Add(Context(chunk));
        if (answer.Citations.Count > 0)
            plain.Append("\n\nSources: ").AppendJoin("; ", answer.Citations.Select(c => $"[{c.Number}] {c.Title}" + (c.Url is null ? "" : $" {c.Url}")));

        var notes = new List<string> { SlackText.Escape(AnswerAttribution.Describe(answer.Backend)) };
        if (answer.FallbackReason is { Length: > 0 } reason)
        {
            notes.Add($":warning: The language model was unavailable, so the offline composer answered: {SlackText.Escape(reason)}");
            plain.Append("\n\n(").Append(reason).Append(')');
        }
        blocks.Add(Context(notes));
        if (feedbackKey is not null) blocks.Add(VoteButtons(feedbackKey));
        return new SlackMessageContent(SlackText.Truncate(SlackText.Escape(plain.ToString()), MaxFallbackText), blocks);
    }

    private static JsonObject VoteButtons(string key) => new()
    {
        ["type"] = "actions",
        ["elements"] = new JsonArray
        {
            Button("👍 Helpful", Interactions.SlackActionIds.Vote, Interactions.SlackActionIds.VoteValue(key, isHelpful: true)),
            Button("👎 Not helpful", Interactions.SlackActionIds.Vote + "_down", Interactions.SlackActionIds.VoteValue(key, isHelpful: false)),
        },
    };

    /// <summary>A plain button; action ids must differ within one block, the value says what was clicked.</summary>
    public static JsonObject Button(string label, string actionId, string value) => new()
    {
        ["type"] = "button",
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = label, ["emoji"] = true },
        ["action_id"] = actionId,
        ["value"] = value,
    };

    /// <summary>A list of stories (for <c>/newsdesk sources</c> and the digest preview).</summary>
    public SlackMessageContent FormatDocuments(string heading, IReadOnlyList<DocumentSummary> documents)
    {
        var blocks = new JsonArray { Section("*" + SlackText.Escape(heading) + "*") };
        var lines = documents.Select(d => "• " + (d.Url is null
            ? $"{SlackText.Escape(d.Title)} ({SlackText.Escape(d.Source)})"
            : SlackText.Link(d.Url, d.Title))).ToList();
        var section = new StringBuilder();
        foreach (var line in lines)
        {
            if (section.Length + line.Length + 1 > MaxSectionText)
            {
                if (blocks.Count == MaxBlocks - 1) break;
                blocks.Add(Section(section.ToString()));
                section.Clear();
            }
            section.Append(line).Append('\n');
        }
        if (section.Length > 0) blocks.Add(Section(section.ToString().TrimEnd()));
        var plain = heading + "\n" + string.Join("\n", documents.Select(d => "• " + d.Title));
        return new SlackMessageContent(SlackText.Truncate(SlackText.Escape(plain), MaxFallbackText), blocks);
    }

    /// <summary>A short plain message (busy, failure, help), escaped like everything else.</summary>
    public SlackMessageContent FormatNotice(string text) =>
        new(SlackText.Truncate(SlackText.Escape(text), MaxFallbackText), [Section(SlackText.Escape(text))]);

    private static string SourceLink(Citation citation)
    {
        var label = $"[{citation.Number}] {citation.Title}";
        return citation.Url is null
            ? $"{SlackText.Escape(label)} ({SlackText.Escape(citation.Source)})"
            : SlackText.Link(citation.Url, label);
    }

    private static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = SlackText.Mrkdwn(SlackText.Truncate(mrkdwn, MaxSectionText)),
    };

    private static JsonObject Context(IEnumerable<string> elements) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(elements.Select(e => (JsonNode)SlackText.Mrkdwn(SlackText.Truncate(e, MaxSectionText))).ToArray()),
    };
}
