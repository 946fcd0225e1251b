using Newsdesk.Retrieval;
using Newsdesk.Text;

namespace Newsdesk.Answering;

/// <summary>Composes an answer from the retrieved passages themselves: picks the sentences that best answer the
/// question, puts them in reading order and cites each. Deterministic, no network, sub-millisecond.</summary>
public sealed class OfflineComposer
{
    public const string BackendName = "offline";
    private const int MaxSentences = 3;
    // A sentence joins the answer only if it carries at least this share of the best sentence's evidence.
    private const double RelativeFloor = 0.55;

    public Composition Compose(string question, IReadOnlyList<RetrievedPassage> passages, TermStatistics statistics)
    {
        var questionTerms = TextAnalyzer.TermSet(question);
        var totalWeight = Math.Max(questionTerms.Sum(statistics.Idf), 1e-9);

        var candidates = new List<Candidate>();
        for (var rank = 0; rank < passages.Count; rank++)
        {
            var text = passages[rank].Passage.Text;
            var titleTerms = TextAnalyzer.TermSet(passages[rank].Passage.Title);
            var spans = SentenceSplitter.Spans(text);
            for (var position = 0; position < spans.Count; position++)
            {
                var sentence = text.Substring(spans[position].Start, spans[position].Length);
                var terms = TextAnalyzer.TermSet(sentence);
                if (terms.Count < 4) continue;
                var matched = questionTerms.Where(terms.Contains).Sum(statistics.Idf) / totalWeight;
                // Terms the headline supplies still tell us the sentence is on topic, but count for less.
                var fromTitle = questionTerms.Where(t => !terms.Contains(t) && titleTerms.Contains(t)).Sum(statistics.Idf) / totalWeight;
                var score = matched + 0.3 * fromTitle + 0.15 / (rank + 1) + 0.05 * passages[rank].Cosine;
                candidates.Add(new Candidate(rank, position, sentence, terms, score));
            }
        }
        if (candidates.Count == 0) return new Composition([], BackendName);

        var best = candidates.Max(c => c.Score);
        var picked = new List<Candidate>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Rank).ThenBy(c => c.Position))
        {
            if (picked.Count == MaxSentences || candidate.Score < best * RelativeFloor) break;
            // Stories repeat themselves; a sentence that says what a chosen one says adds nothing.
            if (picked.Any(p => Overlap(p.Terms, candidate.Terms) > 0.6)) continue;
            picked.Add(candidate);
        }

        var ordered = picked.OrderBy(c => c.Rank).ThenBy(c => c.Position);
        return new Composition(ordered.Select(c => new ComposedSentence(c.Text, [c.Rank + 1])).ToList(), BackendName);
    }

    private static double Overlap(HashSet<string> a, HashSet<string> b) =>
        a.Count == 0 || b.Count == 0 ? 0 : a.Count(b.Contains) / (double)Math.Min(a.Count, b.Count);

    private sealed record Candidate(int Rank, int Position, string Text, HashSet<string> Terms, double Score);
}
