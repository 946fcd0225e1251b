using Newsdesk.Text;

namespace Newsdesk.Stories;

/// <summary>Contested points: a claim that pushes back ("counter", "denies", a sentence opening "But") set against the
/// nearest earlier claim of another party in the same article on the same point (shared content words), or two parties'
/// claims in one sentence when one of them counters.</summary>
public static class ContestFinder
{
    // How far back (in sentences) a counter-claim may answer.
    private const int Reach = 4;

    // One shared word ("music") is no common point; two ("royalties", "societies") usually are.
    private const int SharedTerms = 2;

    public static IReadOnlyList<(FoundClaim Claim, FoundClaim Counter)> Find(ArticleAttributions attributions, IReadOnlyList<string> sentences)
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
        return pairs;
    }
}
