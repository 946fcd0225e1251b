using System.Text.Json.Nodes;
using Newsdesk.Slack.Interactions;
using Newsdesk.Slack.Wire;
using Newsdesk.Stories;

namespace Newsdesk.Slack.Replies;

/// <summary>Turns a <see cref="StoryBrief"/> into Block Kit pages: the story in one line, a section per party with its
/// claims, a contested point as a two-column section (fields, side by side), the timeline, what is still open, the
/// parties only named, related stories, then the sources and the follow-up hint; every line ends in its "[n]". A brief
/// past <see cref="PageBlocks"/> blocks (Slack allows 50 in a message, a section's text 3,000 characters:
/// docs/protocols.md, "Slack messages") is split into pages between whole lines, with a "More" button to the next.</summary>
public static class SlackStoryFormatter
{
    public const int PageBlocks = 40;
    private const int SectionText = 2900;
    private const int FieldText = 1900;

    /// <summary>Page <paramref name="page"/> (from 1; past the end, the last) and how many pages there are.</summary>
    public static (SlackMessageContent Content, int Pages) Page(StoryBrief brief, int page)
    {
        var heading = $"*Story: {SlackText.Escape(brief.Topic)}*";
        if (brief.IsEmpty)
            return (Content($"Story: {brief.Topic}", [Section($"{heading}\nNo article I follow is about “{SlackText.Escape(brief.Topic)}”. Try `/newsdesk sources` to see what I do follow.")]), 1);

        var blocks = Blocks(brief);
        var pages = blocks.Chunk(PageBlocks).ToList();
        var index = Math.Clamp(page, 1, pages.Count) - 1;
        var content = new List<JsonObject> { Section(pages.Count == 1 ? heading : $"{heading} ({index + 1}/{pages.Count})") };
        content.AddRange(pages[index]);
        content.Add(Context(Sources(brief)));
        if (brief.FallbackReason is { } reason) content.Add(Context(":warning: " + SlackText.Escape(reason)));
        content.Add(Context($"{StoryBriefLines.FollowUpHint}: `/newsdesk ask &lt;question&gt;` · {SlackText.Escape(StoryBriefLines.Authorship(brief))}"));
        if (index + 1 < pages.Count)
            content.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray(SlackAnswerFormatter.Button($"More ({index + 2}/{pages.Count})", SlackActionIds.StoryPage, SlackActionIds.StoryPageValue(index + 2, brief.Topic))),
            });
        var plain = $"Story: {brief.Topic}" + (brief.Summary is { } s ? $" — {s.Text} [{s.Source}]" : "");
        return (Content(plain, content), pages.Count);
    }

    private static List<JsonObject> Blocks(StoryBrief brief)
    {
        var blocks = new List<JsonObject>();
        if (brief.Summary is { } summary) blocks.Add(Section("*In one line:* " + Cited(summary)));
        foreach (var party in brief.Parties.Where(p => p.Claims.Count > 0))
            blocks.AddRange(Part("Says: " + StoryBriefLines.Heading(party), party.Claims.Select(c => $"• {SlackText.Escape(c.Verb)}: {Cited(c.Line)}")));
        foreach (var point in brief.ContestedPoints)
            blocks.Add(new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray(
                    SlackText.Mrkdwn(SlackText.Truncate($"*:scales: Contested · {SlackText.Escape(point.Claim.Party)}*\n{Cited(point.Claim.Line)}", FieldText)),
                    SlackText.Mrkdwn(SlackText.Truncate($"*vs {SlackText.Escape(point.Counter.Party)}*\n{Cited(point.Counter.Line)}", FieldText))),
            });
        var involved = StoryBriefLines.Involved(brief);
        if (involved.Count > 0)
            blocks.AddRange(Part("Also involved", involved.Select(p => "• " + SlackText.Escape(p.Name) + (p.Source is { } n ? $" [{n}]" : ""))));
        var isAnyUndated = brief.Timeline.Any(t => t.Basis == TimelineEvent.Undated);
        blocks.AddRange(Part(isAnyUndated ? "Timeline (no publication date known: relative dates undated, in article order)" : "Timeline",
            brief.Timeline.Select(t => $"• `{StoryBriefLines.When(t)}` “{SlackText.Escape(t.Expression)}”: {Cited(t.Line)}")));
        blocks.AddRange(Part("Still open", brief.OpenPoints.Select(l => "• " + Cited(l))));
        if (brief.RelatedStories.Count > 0) blocks.AddRange(Part("Related stories", brief.RelatedStories.Select(r => "• " + SlackText.Escape(r))));
        return blocks;
    }

    /// <summary>A part as sections of whole lines, continued in a further section before 3,000 characters.</summary>
    private static IEnumerable<JsonObject> Part(string heading, IEnumerable<string> lines)
    {
        var text = $"*{SlackText.Escape(heading)}*";
        var isFirst = true;
        foreach (var line in lines)
        {
            if (text.Length + 1 + line.Length > SectionText && !isFirst)
            {
                yield return Section(text);
                text = $"*{SlackText.Escape(heading)} (cont.)*";
            }
            text += "\n" + line;
            isFirst = false;
        }
        if (!isFirst) yield return Section(text);
    }

    /// <summary>The article's sentence, escaped (cut only past a section's length, which no sentence reaches), then its marker.</summary>
    private static string Cited(CitedLine line) => SlackText.Truncate(SlackText.Escape(line.Text), FieldText - 10) + $" [{line.Source}]";

    private static string Sources(StoryBrief brief) => string.Join("\n", brief.Sources.Select(s =>
        $"[{s.Number}] " + (s.Url is { } url ? SlackText.Link(url, s.Title) : $"{SlackText.Escape(s.Title)} (`{SlackText.Escape(s.Source)}`)")
        + (s.Published is { } p ? $" · {p.Value:yyyy-MM-dd}" : " · publication date unknown")));

    private static SlackMessageContent Content(string plain, IEnumerable<JsonObject> blocks) =>
        new(SlackText.Truncate(SlackText.Escape(plain), SlackAnswerFormatter.MaxFallbackText), new JsonArray(blocks.Select(b => (JsonNode)b).ToArray()));

    private static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = SlackText.Mrkdwn(SlackText.Truncate(mrkdwn, SlackAnswerFormatter.MaxSectionText)),
    };

    private static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(SlackText.Mrkdwn(SlackText.Truncate(mrkdwn, SlackAnswerFormatter.MaxSectionText))),
    };
}
