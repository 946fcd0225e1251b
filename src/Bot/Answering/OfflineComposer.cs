using Newsdesk.Retrieval;
using Newsdesk.Text;

namespace Newsdesk.Answering;

/// <summary>Summarises retrieved passages for a heading (the digest's story summaries): picks the sentences that
/// best match it, puts them in reading order and cites each. Questions go through <see cref="OfflineAnswerComposer"/>,
/// which decides whether a sentence holds what was asked. Deterministic, no network, sub-millisecond: the sentence
/// vectors it compares were computed at ingestion and scored during retrieval.</summary>
public sealed class OfflineComposer
{
    public const string BackendName = "offline";
    private const int MaxSentences = 4;
    // Weights of the evidence a sentence carries; chosen on the evaluation set's tuning part (docs/answering-model.md).
    private const double DenseWeight = 1.5;
    private const double TitleWeight = 0.3;
    private const double RankWeight = 0.1;
    // A sentence holding the kind of thing asked for (a figure for "how much", a date for "when").
    private const double AnswerTypeBonus = 0.2;
    // Further sentences join the answer only when they score within this of the best one.
    private const double ScoreWindow = 0.5;

    public Composition Compose(string question, IReadOnlyList<RetrievedPassage> passages, TermStatistics statistics)
    {
        var questionTerms = TextAnalyzer.TermSet(question);
        var totalWeight = Math.Max(questionTerms.Sum(statistics.Idf), 1e-9);
        var wanted = QuestionAnalyzer.KindOf(question.ToLowerInvariant());
        var bestCosine = passages.SelectMany(p => p.Sentences).Select(s => (double)s.Cosine).DefaultIfEmpty(0).Max();

        var candidates = new List<Candidate>();
        for (var rank = 0; rank < passages.Count; rank++)
        {
            var passage = passages[rank];
            var titleTerms = TextAnalyzer.TermSet(passage.Passage.Title);
            for (var position = 0; position < passage.Sentences.Count; position++)
            {
                var (span, cosine) = passage.Sentences[position];
                var sentence = passage.Passage.Text.Substring(span.Start, span.Length);
                var terms = TextAnalyzer.TermSet(sentence);
                if (terms.Count < 4 || PlantedInstruction.IsLike(sentence)) continue;
                var matched = questionTerms.Where(terms.Contains).Sum(statistics.Idf) / totalWeight;
                // Terms the headline supplies still tell us the sentence is on topic, but count for less.
                var fromTitle = questionTerms.Where(t => !terms.Contains(t) && titleTerms.Contains(t)).Sum(statistics.Idf) / totalWeight;
                var typed = !TypedSpans.IsTyped(wanted) || TypedSpans.Find(wanted, sentence).Count > 0 ? AnswerTypeBonus : 0;
                var score = matched + TitleWeight * fromTitle + DenseWeight * (cosine - bestCosine) + RankWeight / (rank + 1) + typed;
                candidates.Add(new Candidate(rank, position, sentence, terms, score));
            }
        }
        if (candidates.Count == 0) return new Composition([], BackendName);

        var best = candidates.Max(c => c.Score);
        var picked = new List<Candidate>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Rank).ThenBy(c => c.Position))
        {
            if (picked.Count == MaxSentences || candidate.Score < best - ScoreWindow) break;
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
