using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Newsdesk.Stories;

namespace Newsdesk.Cli;

/// <summary>How <c>story</c> prints a brief: in four parts for a person, or as one JSON object.</summary>
public static class StoryBriefFormatter
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ForPerson(StoryBrief brief)
    {
        if (brief.IsEmpty) return $"No article in the store is about \"{brief.Topic}\".";
        var text = new StringBuilder().AppendLine($"Story: {brief.Topic}").AppendLine();
        if (brief.Summary is { } summary) text.AppendLine("In one line:").AppendLine($"  {Cite(summary)}").AppendLine();
        text.AppendLine("Who says what:");
        foreach (var party in brief.Parties)
        {
            var aliases = party.Mentions.Where(m => m != party.Name).ToList();
            text.AppendLine($"  {party.Name}{(aliases.Count > 0 ? $" (also: {string.Join(", ", aliases)})" : "")}");
            foreach (var claim in party.Claims) text.AppendLine($"    - {claim.Verb}: {Cite(claim.Line)}");
        }
        if (brief.ContestedPoints.Count > 0)
        {
            text.AppendLine().AppendLine("Contested:");
            foreach (var point in brief.ContestedPoints)
                text.AppendLine($"  {point.Claim.Party}: {Cite(point.Claim.Line)}").AppendLine($"    vs {point.Counter.Party}: {Cite(point.Counter.Line)}");
        }
        text.AppendLine().AppendLine("Timeline:");
        foreach (var item in brief.Timeline)
            text.AppendLine($"  {(item.Date?.ToString() is { Length: > 0 } d ? d : "undated"),-10} \"{item.Expression}\" ({item.Basis}): {Cite(item.Line)}");
        text.AppendLine().AppendLine("Still open:");
        foreach (var line in brief.OpenPoints) text.AppendLine($"  {Cite(line)}");
        text.AppendLine().AppendLine("Sources:");
        foreach (var source in brief.Sources)
        {
            var published = source.Published is { } p ? $", published {p.Value:yyyy-MM-dd} ({p.From})" : ", publication date unknown";
            text.AppendLine($"  [{source.Number}] {source.Title} ({source.Url?.ToString() ?? source.Source}){published}");
        }
        if (brief.RelatedStories.Count > 0) text.AppendLine().AppendLine($"Related stories: {string.Join("; ", brief.RelatedStories)}");
        text.AppendLine().Append("Ask a follow-up: ask \"…\" about any line.");
        return text.ToString();
    }

    private static string Cite(CitedLine line) => $"{line.Text} [{line.Source}]";

    public static string ForMachine(StoryBrief brief) => JsonSerializer.Serialize(new
    {
        topic = brief.Topic,
        found = !brief.IsEmpty,
        summary = Line(brief.Summary),
        parties = brief.Parties.Select(p => new
        {
            name = p.Name,
            mentions = p.Mentions,
            claims = p.Claims.Select(c => new { verb = c.Verb, text = c.Line.Text, source = c.Line.Source }),
        }),
        contested = brief.ContestedPoints.Select(c => new
        {
            claim = new { party = c.Claim.Party, text = c.Claim.Line.Text, source = c.Claim.Line.Source },
            counter = new { party = c.Counter.Party, text = c.Counter.Line.Text, source = c.Counter.Line.Source },
        }),
        timeline = brief.Timeline.Select(t => new { expression = t.Expression, date = t.Date?.ToString(), basis = t.Basis, text = t.Line.Text, source = t.Line.Source }),
        open = brief.OpenPoints.Select(Line),
        sources = brief.Sources.Select(s => new
        {
            number = s.Number,
            source = s.Url?.ToString() ?? s.Source,
            title = s.Title,
            published = s.Published?.Value.ToString("O"),
            publishedFrom = s.Published?.From,
        }),
        related = brief.RelatedStories,
    }, Json);

    private static object? Line(CitedLine? line) => line is null ? null : new { text = line.Text, source = line.Source };
}
