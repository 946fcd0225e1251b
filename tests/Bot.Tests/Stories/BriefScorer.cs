using System.Text.RegularExpressions;
using Newsdesk.Stories;

namespace Newsdesk.Tests.Stories;

/// <summary>Scores a brief against its reference. A party matches a reference party when one of its names is one of
/// the reference's aliases (a leading "the" aside) or contains one as whole words; a second party matching the same
/// reference party is a coreference miss and counts against precision. Parties the reference lists as acceptable
/// count neither way. A line is supported when it is a sentence of the article it cites and, for a claim, names or
/// refers to its party; for an event, holds its date expression.</summary>
public static class BriefScorer
{
    private static readonly Regex ReferringWord = new(@"^(?:He|She|It)\b|\b[Tt]he\s+(?:[a-z]+\s+)?(?:firm|company|organisation|organization|group|label|body|site|band|court|judge)\b");

    public static BriefScore Score(ReferenceBrief reference, StoryBrief brief, Func<int, string> sourceText)
    {
        var matched = new Dictionary<ReferenceParty, StoryParty>();
        int predictedRight = 0, predictedCounted = 0;
        foreach (var party in brief.Parties)
        {
            var target = reference.Parties.FirstOrDefault(r => Matches(party, r.Aliases));
            if (target is null)
            {
                if (!Matches(party, reference.Acceptable)) predictedCounted++;
                continue;
            }
            predictedCounted++;
            if (matched.TryAdd(target, party)) predictedRight++;
        }

        var claimsRight = reference.Claims.Count(c =>
            reference.Parties.FirstOrDefault(p => p.Name == c.Party) is { } party && matched.TryGetValue(party, out var found)
            && found.Claims.Any(claim => claim.Line.Text.Contains(c.Contains, StringComparison.Ordinal)));

        var (datesRight, pairsInOrder, pairs) = ScoreTimeline(reference.Events, brief.Timeline);
        var (supported, lines) = ScoreLines(brief, sourceText);
        var openFound = reference.Open.Count(o => brief.OpenPoints.Any(l => l.Text.Contains(o, StringComparison.Ordinal)));
        var contestsFound = reference.Contested.Count(c => brief.ContestedPoints.Any(point =>
            Sides(reference, c.Parties, point) && (point.Claim.Line.Text + point.Counter.Line.Text).Contains(c.Contains, StringComparison.OrdinalIgnoreCase)));

        return new BriefScore(matched.Count, reference.Parties.Count, predictedRight, predictedCounted,
            claimsRight, reference.Claims.Count, datesRight, reference.Events.Count, pairsInOrder, pairs,
            supported, lines, openFound, reference.Open.Count, contestsFound, reference.Contested.Count);
    }

    private static bool Sides(ReferenceBrief reference, IReadOnlyList<string> names, ContestedPoint point)
    {
        var aliases = names.Select(n => reference.Parties.First(p => p.Name == n).Aliases).ToList();
        bool Is(string party, IReadOnlyList<string> a) => a.Any(alias => SameOrContains(party, alias));
        return (Is(point.Claim.Party, aliases[0]) && Is(point.Counter.Party, aliases[1])) || (Is(point.Claim.Party, aliases[1]) && Is(point.Counter.Party, aliases[0]));
    }

    private static (int Right, int InOrder, int Pairs) ScoreTimeline(IReadOnlyList<ReferenceEvent> events, IReadOnlyList<TimelineEvent> timeline)
    {
        var used = new HashSet<int>();
        var positions = new List<int?>();
        var right = 0;
        foreach (var expected in events)
        {
            var at = Enumerable.Range(0, timeline.Count).FirstOrDefault(i => !used.Contains(i)
                && timeline[i].Expression.Contains(expected.Expression, StringComparison.OrdinalIgnoreCase), -1);
            positions.Add(at < 0 ? null : at);
            if (at < 0) continue;
            used.Add(at);
            var date = timeline[at].Date;
            var isRight = expected.Date is null
                ? date is null || (!date.HasYear && timeline[at].Basis == TimelineEvent.Undated)
                : date?.ToString() == expected.Date;
            if (isRight) right++;
        }
        int inOrder = 0, pairs = 0;
        for (var i = 0; i + 1 < positions.Count; i++)
        {
            pairs++;
            if (positions[i] is { } a && positions[i + 1] is { } b && a < b) inOrder++;
        }
        return (right, inOrder, pairs);
    }

    private static (int Supported, int Lines) ScoreLines(StoryBrief brief, Func<int, string> sourceText)
    {
        var checks = new List<bool>();
        bool InSource(CitedLine line) => sourceText(line.Source).Contains(line.Text, StringComparison.Ordinal);
        if (brief.Summary is { } summary) checks.Add(InSource(summary));
        foreach (var party in brief.Parties)
            foreach (var claim in party.Claims)
                checks.Add(InSource(claim.Line) && (party.Mentions.Any(m => claim.Line.Text.Contains(m, StringComparison.Ordinal)) || ReferringWord.IsMatch(claim.Line.Text)));
        foreach (var item in brief.Timeline) checks.Add(InSource(item.Line) && item.Line.Text.Contains(item.Expression, StringComparison.Ordinal));
        foreach (var line in brief.OpenPoints) checks.Add(InSource(line));
        return (checks.Count(c => c), checks.Count);
    }

    private static bool Matches(StoryParty party, IReadOnlyList<string> aliases) =>
        aliases.Any(alias => party.Mentions.Append(party.Name).Any(name => SameOrContains(name, alias)));

    private static bool SameOrContains(string name, string alias)
    {
        var n = Normalise(name);
        var a = Normalise(alias);
        return n == a || Regex.IsMatch(n, $@"(?:^|\s){Regex.Escape(a)}(?:$|\s)");
    }

    // "The Times" and "Times", "MP3Sparks.com" and "MP3Sparks", "Norway's" and "Norway" name the same party.
    private static string Normalise(string name) => Regex.Replace(name.Trim().ToLowerInvariant(), @"^the\s+|['’]s$|\.(?:com|net|org|co\.uk|no)$", "");
}
