using System.Text.RegularExpressions;
using Newsdesk.Text;

namespace Newsdesk.Stories;

/// <summary>Contested points: a claim that pushes back ("counter", "denies", a sentence opening "But") set against the
/// nearest earlier claim of another party in the same article on the same point (shared content words), or two parties'
/// claims in one sentence when one of them counters.</summary>
public static partial class ContestFinder
{
    // How far back (in sentences) a counter-claim may answer.
    private const int Reach = 4;

    // One shared word ("music") is no common point; two ("royalties", "societies") usually are.
    private const int SharedTerms = 2;

    // How far back an answer may reach when one side names the other: a ruling often comes paragraphs after the claim.
    private const int AnswerReach = 8;

    /// <param name="entities">When given, a claim that denies or qualifies ("not", "no", "but") also answers the
    /// nearest earlier accusation ("alleges", "charged", "claims") of another party when either names the other ("Trevin Skeens alleges Wal-Mart knew …" /
    /// "Wal-Mart said it was investigating the claims but had no plans to pull the CD").</param>
    public static IReadOnlyList<(FoundClaim Claim, FoundClaim Counter)> Find(ArticleAttributions attributions, IReadOnlyList<string> sentences, ArticleEntities? entities = null)
    {
        var pairs = new List<(FoundClaim, FoundClaim)>();
        foreach (var counter in attributions.Claims.Where(c => c.IsCounter))
        {
            var counterTerms = TextAnalyzer.TermSet(sentences[counter.Sentence]);
            var answered = attributions.Claims
                .Where(c => c.Entity != counter.Entity && c.Sentence <= counter.Sentence && c.Sentence >= counter.Sentence - Reach && c != counter)
                .Where(c => c.Sentence == counter.Sentence || TextAnalyzer.TermSet(sentences[c.Sentence]).Count(counterTerms.Contains) >= SharedTerms)
                .OrderByDescending(c => c.Sentence)
                .FirstOrDefault();
            if (answered is not null && !pairs.Any(p => p.Item2 == counter)) pairs.Add((answered, counter));
        }
        if (entities is null) return pairs;
        // The whole sentence is read, quotations too: a ruling quoted in full ("… is not sufficient to sustain a claim
        // …," Judge X wrote) denies inside its quotation.
        foreach (var answer in attributions.Claims.Where(c => !pairs.Any(p => p.Item1 == c || p.Item2 == c) && Negation().IsMatch(sentences[c.Sentence])))
        {
            bool Names(int sentence, int entity) => entities.Mentions[sentence].Any(m => m.Entity == entity);
            var answered = attributions.Claims
                .Where(c => c.Entity != answer.Entity && c.Sentence < answer.Sentence && c.Sentence >= answer.Sentence - AnswerReach)
                .Where(c => !pairs.Any(p => p.Item1 == c || p.Item2 == c) && Accusation().IsMatch(c.Verb))
                .Where(c => Names(c.Sentence, answer.Entity) || Names(answer.Sentence, c.Entity))
                .OrderByDescending(c => c.Sentence)
                .FirstOrDefault();
            if (answered is not null) pairs.Add((answered, answer));
        }
        return pairs;
    }

    // A plain "says" is no charge to answer: "MP3Sparks.com, which says it is owned by …" is not disputed by
    // MediaServices' next remark.
    [GeneratedRegex(@"^(?:alleg|accus|charg|claim|compla|insist)", RegexOptions.IgnoreCase)]
    private static partial Regex Accusation();

    [GeneratedRegex(@"\b(?:not|no|never|but)\b|n't\b", RegexOptions.IgnoreCase)]
    private static partial Regex Negation();
}
