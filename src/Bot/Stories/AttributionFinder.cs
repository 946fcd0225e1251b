using System.Text.RegularExpressions;

namespace Newsdesk.Stories;

/// <summary>Gives each speech or claim verb its subject: the party right before it ("Taylor said"), the first party of
/// its clause past any relative clause ("The BPI, which had won the right to sue, told"), the party named in
/// apposition ("BPI chief executive Geoff Taylor said"), an inverted subject after a quotation ("said Mr Skeens"), or
/// the subject of the sentence's previous verb ("is concerned … and said"). Quotations are masked first.</summary>
public static class AttributionFinder
{
    public static ArticleAttributions Find(ArticleEntities article)
    {
        var claims = new List<FoundClaim>();
        var actors = new HashSet<int>();
        for (var s = 0; s < article.MaskedSentences.Count; s++)
        {
            var masked = article.MaskedSentences[s];
            var mentions = article.Mentions[s];
            var previousSubject = -1;
            foreach (Match verb in AttributionPatterns.ClaimVerb().Matches(masked))
            {
                // "the same claims", "investigating the claims": a noun, not a verb.
                if (AttributionPatterns.DeterminerBefore().IsMatch(masked[..verb.Index])) continue;
                var (subject, clauseOpening) = SubjectOf(masked, mentions, verb.Index, verb.Index + verb.Length, previousSubject);
                if (subject < 0) continue;
                previousSubject = subject;
                actors.Add(subject);
                if (claims.Any(c => c.Entity == subject && c.Sentence == s)) continue;
                var isCounter = AttributionPatterns.CounterVerb().IsMatch(verb.Value) || AttributionPatterns.ContraryOpening().IsMatch(masked)
                    || clauseOpening is "but" or "while" or "whereas";
                claims.Add(new FoundClaim(subject, verb.Value, s, isCounter));
            }
            foreach (Match verb in AttributionPatterns.ActionVerb().Matches(masked))
            {
                var (subject, _) = SubjectOf(masked, mentions, verb.Index, verb.Index + verb.Length, previousSubject);
                if (subject < 0) continue;
                actors.Add(subject);
                // "William Trowbridge and Michael Chicoine have pleaded guilty": both act.
                var named = mentions.LastOrDefault(m => m.Entity == subject && m.End <= verb.Index);
                foreach (var partner in mentions.Where(m => m.CanBeSubject && named != default && m.End <= named.Start && Regex.IsMatch(masked[m.End..named.Start], @"^\s+and\s+$")))
                    actors.Add(partner.Entity);
            }
            foreach (var acted in mentions.Where(m => m.CanBeSubject && AttributionPatterns.ActedUponBefore().IsMatch(masked[..m.Start])))
            {
                // "suing US supermarket giant Wal-Mart": the party is the name the description leads to.
                var mention = mentions.FirstOrDefault(n => n.Start > acted.End && AttributionPatterns.Apposition().IsMatch(masked[acted.End..n.Start])
                    && !AttributionPatterns.Preposition().IsMatch(masked[acted.End..n.Start]));
                if (mention == default) mention = acted;
                actors.Add(mention.Entity);
                // "by the recording industry and US government": both act.
                foreach (var next in mentions.Where(n => n.Start > mention.End && Regex.IsMatch(masked[mention.End..n.Start], @"^\s+and\s+(?:the\s+)?$")))
                    actors.Add(next.Entity);
            }
        }
        return new ArticleAttributions(claims, actors);
    }

    private static (int Entity, string Opening) SubjectOf(string masked, IReadOnlyList<EntityMention> mentions, int verbStart, int verbEnd, int previousSubject)
    {
        if (masked[verbStart] == '_') return (-1, "");
        var (clauseStart, opening, excluded, antecedent) = Clause(masked, mentions, verbStart);
        if (antecedent >= 0) return (antecedent, opening);
        var candidates = mentions
            .Where(m => m.CanBeSubject && m.Start >= clauseStart && m.End <= verbStart && !excluded.Any(x => m.Start >= x.Start && m.Start < x.End))
            .ToList();
        var adjacent = candidates.LastOrDefault(m => AttributionPatterns.SubjectVerbGap().IsMatch(masked[m.End..verbStart]));
        if (adjacent != default) return (adjacent.Entity, opening);
        if (candidates.Count > 0)
        {
            var subject = candidates[0];
            foreach (var later in candidates.Skip(1))
            {
                var between = masked[subject.End..later.Start];
                if (!AttributionPatterns.Apposition().IsMatch(between) || AttributionPatterns.Preposition().IsMatch(between)) break;
                subject = later;
            }
            return (subject.Entity, opening);
        }
        var inverted = mentions.FirstOrDefault(m => m.CanBeSubject && m.Start >= verbEnd && AttributionPatterns.InvertedSubjectGap().IsMatch(masked[verbEnd..m.Start]));
        if (inverted != default) return (inverted.Entity, opening);
        return (previousSubject, opening);
    }

    /// <summary>Where the verb's clause starts, the word that opened it, the subject-relative clauses inside it (", which
    /// had won the right to sue AllofMP3 in the UK,") and, when the verb itself sits in such a clause, its antecedent.</summary>
    private static (int Start, string Opening, List<(int Start, int End)> Excluded, int Antecedent) Clause(string masked, IReadOnlyList<EntityMention> mentions, int verbStart)
    {
        var start = 0;
        var opening = "";
        var excluded = new List<(int, int)>();
        var leading = AttributionPatterns.LeadingSubordinate().Match(masked);
        if (leading.Success)
        {
            var comma = masked.IndexOf(", ", StringComparison.Ordinal);
            if (comma > 0 && comma < verbStart) start = comma + 2;
        }
        foreach (Match boundary in AttributionPatterns.ClauseBoundary().Matches(masked[..verbStart]))
        {
            var after = boundary.Index + boundary.Length;
            if (after <= start) continue;
            var isRelative = AttributionPatterns.RelativePronoun().IsMatch(boundary.Value);
            var opensWithMention = mentions.Any(m => m.Start == after || (m.Start > after && masked[after..m.Start].Trim() is "the" or ""));
            if (isRelative && !opensWithMention)
            {
                var close = masked.IndexOf(',', after);
                if (close < 0 || close > verbStart)
                {
                    // The verb belongs to the relative clause: "MP3Sparks.com, which says …" — the antecedent speaks.
                    var antecedent = mentions.LastOrDefault(m => m.CanBeSubject && m.End <= boundary.Index && masked[m.End..boundary.Index].Trim().Length == 0);
                    return (start, opening, excluded, antecedent == default ? -1 : antecedent.Entity);
                }
                excluded.Add((boundary.Index, close));
                continue;
            }
            start = after;
            opening = boundary.Value.Trim(' ', ',', ';', ':').ToLowerInvariant();
        }
        // Brackets hold asides (initials, ages), never the subject.
        for (var open = masked.IndexOf('('); open >= 0 && open < verbStart; open = masked.IndexOf('(', open + 1))
        {
            var close = masked.IndexOf(')', open);
            excluded.Add((open, close < 0 ? verbStart : close));
        }
        return (start, opening, excluded, -1);
    }
}
