using Newsdesk.Discord.Wire;
using Newsdesk.Stories;
using Newsdesk.Text;

namespace Newsdesk.Discord.Replies;

/// <summary>Turns a <see cref="StoryBrief"/> into embeds, one per page: the story in one line as the description, then
/// fields for who says what (a contested point as two inline fields, side by side), the timeline, what is still open
/// and the parties only named, every line ending in its "[n]"; the sources that page cites; related stories on the
/// last page. A brief that does not fit Discord's embed limits (docs/protocols.md, "Discord messages") is split into
/// pages between whole fields, never inside a line.</summary>
public static class DiscordStoryFormatter
{
    private const int StoryColor = 0x6B46C1;
    private const int FieldLimit = DiscordAnswerFormatter.FieldValueLimit;
    private const int PageFields = 20;
    private const int LineLimit = 900;

    public static IReadOnlyList<DiscordEmbed> Pages(StoryBrief brief)
    {
        var title = "Story: " + MarkdownText.CutThenEscape(brief.Topic, DiscordAnswerFormatter.TitleLimit - 20, DiscordTextCutter.Cut);
        if (brief.IsEmpty)
            return [new DiscordEmbed(title, $"No article I follow is about “{MarkdownText.Escape(brief.Topic)}”. Try /sources to see what I do follow.", Color: StoryColor)];

        var units = Units(brief);
        if (brief.FallbackReason is { } reason) units.Insert(0, new Unit([new DiscordEmbedField("Note", MarkdownText.Escape(reason))], []));
        var description = brief.Summary is { } summary ? "**In one line:** " + Cited(summary) : "";
        var footer = new DiscordEmbedFooter($"{StoryBriefLines.FollowUpHint}: /ask question: … · {StoryBriefLines.Authorship(brief)}");
        var allSources = SourcesField(brief, brief.Sources.Select(s => s.Number));
        // What the 6,000 total leaves the content fields once the rest of a page is counted at its largest.
        var pageBudget = DiscordAnswerFormatter.EmbedTotalLimit - title.Length - 8 - description.Length - footer.Text.Length
            - allSources.Name.Length - allSources.Value.Length;
        var pages = new List<List<Unit>> { new() };
        foreach (var unit in units)
        {
            var page = pages[^1];
            var isFull = page.Sum(u => u.Length) + unit.Length > pageBudget || page.Sum(u => u.Fields.Count) + unit.Fields.Count > PageFields;
            if (page.Count > 0 && isFull) pages.Add(page = []);
            page.Add(unit);
        }
        return pages.Select((page, i) => new DiscordEmbed(
            pages.Count == 1 ? title : $"{title} ({i + 1}/{pages.Count})",
            i == 0 ? description : "(continued)",
            [.. page.SelectMany(u => u.Fields), SourcesField(brief, page.SelectMany(u => u.Sources).Concat(i == 0 && brief.Summary is { } summaryLine ? new[] { summaryLine.Source } : Enumerable.Empty<int>()))],
            footer,
            StoryColor)).ToList();
    }

    /// <summary>Fields kept together on one page: a party's claims, a contested pair, a part of the brief.</summary>
    private sealed record Unit(IReadOnlyList<DiscordEmbedField> Fields, IReadOnlyList<int> Sources)
    {
        public int Length => Fields.Sum(f => f.Name.Length + f.Value.Length);
    }

    private static List<Unit> Units(StoryBrief brief)
    {
        var units = new List<Unit>();
        foreach (var party in brief.Parties.Where(p => p.Claims.Count > 0))
            units.AddRange(Part("Says: " + StoryBriefLines.Heading(party), party.Claims.Select(c => (Bullet(c.Verb + ": ", c.Line), c.Line.Source))));
        foreach (var point in brief.ContestedPoints)
            units.Add(new Unit(
                [
                    new DiscordEmbedField(Name("⚖ Contested · " + point.Claim.Party), Cited(point.Claim.Line), Inline: true),
                    new DiscordEmbedField(Name("vs " + point.Counter.Party), Cited(point.Counter.Line), Inline: true),
                ], [point.Claim.Line.Source, point.Counter.Line.Source]));
        var involved = StoryBriefLines.Involved(brief);
        if (involved.Count > 0)
            units.AddRange(Part("Also involved", involved.Select(p => ("• " + MarkdownText.Escape(p.Name) + (p.Source is { } n ? $" [{n}]" : ""), p.Source ?? 0))));
        var isAnyUndated = brief.Timeline.Any(t => t.Basis == TimelineEvent.Undated);
        units.AddRange(Part(isAnyUndated ? "Timeline (no publication date known: relative dates undated, in article order)" : "Timeline",
            brief.Timeline.Select(t => (Bullet($"`{StoryBriefLines.When(t)}` “{MarkdownText.Escape(t.Expression)}”: ", t.Line), t.Line.Source))));
        units.AddRange(Part("Still open", brief.OpenPoints.Select(l => (Bullet("", l), l.Source))));
        if (brief.RelatedStories.Count > 0)
            units.AddRange(Part("Related stories", brief.RelatedStories.Select(r => ("• " + MarkdownText.CutThenEscape(r, 200, DiscordTextCutter.Cut), 0))));
        return units;
    }

    /// <summary>One part as fields of whole lines, continued in a further field when a value would pass 1,024.</summary>
    private static IEnumerable<Unit> Part(string heading, IEnumerable<(string Line, int Source)> lines)
    {
        var fields = new List<DiscordEmbedField>();
        var sources = new List<int>();
        var value = "";
        foreach (var (line, source) in lines)
        {
            if (value.Length > 0 && value.Length + 1 + line.Length > FieldLimit)
            {
                fields.Add(new DiscordEmbedField(Name(fields.Count == 0 ? heading : heading + " (cont.)"), value));
                value = "";
            }
            value = value.Length == 0 ? line : value + "\n" + line;
            if (source > 0) sources.Add(source);
        }
        if (value.Length > 0) fields.Add(new DiscordEmbedField(Name(fields.Count == 0 ? heading : heading + " (cont.)"), value));
        // Each field is its own unit, so a long timeline pages between fields; a party's claims rarely need two.
        return fields.Select(f => new Unit([f], sources));
    }

    private static string Bullet(string prefix, CitedLine line) => "• " + prefix + Cited(line);

    /// <summary>The article's sentence, Markdown-escaped and cut at a sentence or word if it is very long, then its marker.</summary>
    private static string Cited(CitedLine line) => MarkdownText.CutThenEscape(line.Text, LineLimit, DiscordTextCutter.Cut) + $" [{line.Source}]";

    private static string Name(string text) => MarkdownText.CutThenEscape(text, DiscordAnswerFormatter.FieldNameLimit, DiscordTextCutter.Cut);

    private static DiscordEmbedField SourcesField(StoryBrief brief, IEnumerable<int> cited)
    {
        var numbers = cited.ToHashSet();
        var lines = brief.Sources.Where(s => numbers.Contains(s.Number)).Select(s =>
        {
            var where = s.Url is { } url ? $"<{url}>" : $"`{s.Source.Replace('`', '\'')}`";
            var published = s.Published is { } p ? $" · {p.Value:yyyy-MM-dd}" : " · publication date unknown";
            return $"[{s.Number}] {MarkdownText.CutThenEscape(s.Title, 120, DiscordTextCutter.Cut)} {where}{published}";
        });
        return new DiscordEmbedField("Sources", DiscordStoryList.Join(lines, FieldLimit) is { Length: > 0 } text ? text : "—");
    }
}
