using Newsdesk.Corpus;
using Newsdesk.Text;

namespace Newsdesk.Retrieval;

/// <summary>BM25 in process over the passages' text, for a store whose own full-text ranking is weaker: PostgreSQL's
/// <c>ts_rank</c> has no inverse document frequency, and cost 6 points of lexical recall@5 on the evaluation set
/// (docs/reliability.md). The formula is FTS5's <c>bm25()</c> as the SQLite store calls it: k1 1.2, b 0.75, a term's
/// frequency counted half in the title and fully in the body, the length being the whole passage's; terms are
/// <see cref="TextAnalyzer"/>'s (stop words out, light stemming), on both sides.</summary>
public sealed class LexicalIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const double TitleWeight = 0.5;

    private readonly Dictionary<string, List<(int Passage, double Frequency)>> postings = new(StringComparer.Ordinal);
    private readonly long[] ids;
    private readonly int[] lengths;
    private readonly double averageLength;

    public LexicalIndex(IReadOnlyList<StoredPassage> passages)
    {
        ids = new long[passages.Count];
        lengths = new int[passages.Count];
        var frequencies = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < passages.Count; i++)
        {
            ids[i] = passages[i].Id;
            frequencies.Clear();
            foreach (var term in TextAnalyzer.Terms(passages[i].Title)) { frequencies[term] = frequencies.GetValueOrDefault(term) + TitleWeight; lengths[i]++; }
            foreach (var term in TextAnalyzer.Terms(passages[i].Text)) { frequencies[term] = frequencies.GetValueOrDefault(term) + 1; lengths[i]++; }
            foreach (var (term, frequency) in frequencies)
            {
                if (!postings.TryGetValue(term, out var list)) postings[term] = list = [];
                list.Add((i, frequency));
            }
        }
        averageLength = passages.Count == 0 ? 1 : Math.Max(1, lengths.Average());
    }

    /// <summary>Passages holding any of the question's terms, best first (higher is better), ties by passage id.</summary>
    public IReadOnlyList<(long PassageId, double Score)> Search(string question, int limit)
    {
        var scores = new Dictionary<int, double>();
        foreach (var term in TextAnalyzer.TermSet(question))
        {
            if (!postings.TryGetValue(term, out var list)) continue;
            // FTS5 floors a negative IDF (a term in over half the rows) at a tiny positive weight.
            var idf = Math.Max(1e-6, Math.Log((ids.Length - list.Count + 0.5) / (list.Count + 0.5)));
            foreach (var (passage, frequency) in list)
            {
                var norm = K1 * (1 - B + B * lengths[passage] / averageLength);
                scores[passage] = scores.GetValueOrDefault(passage) + idf * frequency * (K1 + 1) / (frequency + norm);
            }
        }
        return [.. scores.OrderByDescending(s => s.Value).ThenBy(s => ids[s.Key]).Take(limit).Select(s => (ids[s.Key], s.Value))];
    }
}
