using Newsdesk.Corpus;
using Newsdesk.Text;

namespace Newsdesk.Retrieval;

/// <summary>BM25 in process over the passages' text, for a store whose own full-text ranking is weaker: PostgreSQL's
/// <c>ts_rank</c> has no inverse document frequency, and cost 6 points of lexical recall@5 on the evaluation set
/// (docs/reliability.md). It ranks as the SQLite store's FTS5 does, so a replica on PostgreSQL decides coverage as one
/// on SQLite: <c>bm25()</c> as the SQLite store calls it (k1 1.2, b 0.75, a term's frequency counted half in the
/// title and fully in the body, the length being the whole passage's in tokens, stop words included), over FTS5's own
/// terms (<see cref="Fts5PorterTokens"/>), each of the question's words (<see cref="LexicalRanker.QueryWords"/>) scored
/// as one FTS5 phrase. Before, both sides were <see cref="TextAnalyzer"/>'s terms (stop words out, light stemming):
/// "own" was a stop word there, so "owns" was a rare term over the seed where FTS5 counts it in most passages, and the
/// two stores cited different passages (docs/reliability.md, "PostgreSQL decides as SQLite does").</summary>
public sealed class LexicalIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const double TitleWeight = 0.5;

    // Frequencies are multiples of the title's half, so a float holds each exactly, in half a double's memory.
    private readonly Dictionary<string, (int[] Passages, float[] Frequencies)> postings = new(StringComparer.Ordinal);
    private readonly long[] ids;
    private readonly double[] norms;

    public LexicalIndex(IReadOnlyList<StoredPassage> passages)
    {
        ids = new long[passages.Count];
        var lengths = new int[passages.Count];
        var growing = new Dictionary<string, (List<int> Passages, List<float> Frequencies)>(StringComparer.Ordinal);
        var frequencies = new Dictionary<string, double>(StringComparer.Ordinal);
        var stems = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < passages.Count; i++)
        {
            ids[i] = passages[i].Id;
            frequencies.Clear();
            foreach (var term in Fts5PorterTokens.Of(passages[i].Title, stems)) { frequencies[term] = frequencies.GetValueOrDefault(term) + TitleWeight; lengths[i]++; }
            foreach (var term in Fts5PorterTokens.Of(passages[i].Text, stems)) { frequencies[term] = frequencies.GetValueOrDefault(term) + 1; lengths[i]++; }
            foreach (var (term, frequency) in frequencies)
            {
                if (!growing.TryGetValue(term, out var list)) growing[term] = list = ([], []);
                list.Passages.Add(i);
                list.Frequencies.Add((float)frequency);
            }
        }
        foreach (var (term, list) in growing) postings[term] = (list.Passages.ToArray(), list.Frequencies.ToArray());
        var averageLength = passages.Count == 0 ? 1 : Math.Max(1, lengths.Average());
        norms = lengths.Select(length => K1 * (1 - B + B * length / averageLength)).ToArray();
    }

    /// <summary>Passages holding any of the question's terms, best first (higher is better), ties by passage id.
    /// Scores gather in an array with a slot per passage, and only the best <paramref name="limit"/> are kept in a
    /// heap, so a question costs one step per posting of its terms: at a hundred times the corpus, a common term has
    /// tens of thousands of postings, and a dictionary and a full sort of every match were most of the time.</summary>
    public IReadOnlyList<(long PassageId, double Score)> Search(string question, int limit)
    {
        if (limit <= 0) return [];
        var scores = new double[ids.Length];
        var matched = new List<int>();
        foreach (var term in Terms(question))
        {
            if (!postings.TryGetValue(term, out var list)) continue;
            // FTS5 floors a negative IDF (a term in over half the rows) at a tiny positive weight.
            var idf = Math.Max(1e-6, Math.Log((ids.Length - list.Passages.Length + 0.5) / (list.Passages.Length + 0.5)));
            for (var at = 0; at < list.Passages.Length; at++)
            {
                var passage = list.Passages[at];
                double frequency = list.Frequencies[at];
                if (scores[passage] == 0) matched.Add(passage);
                scores[passage] += idf * frequency * (K1 + 1) / (frequency + norms[passage]);
            }
        }
        var best = new PriorityQueue<int, (double Score, long Id)>(limit + 1, WorstFirst.Instance);
        foreach (var passage in matched)
        {
            best.Enqueue(passage, (scores[passage], ids[passage]));
            if (best.Count > limit) best.Dequeue();
        }
        var result = new (long PassageId, double Score)[best.Count];
        for (var at = result.Length - 1; best.TryDequeue(out var passage, out var key); at--) result[at] = (ids[passage], key.Score);
        return result;
    }

    /// <summary>Each query word's one term. A word FTS5 would split into several tokens (a phrase, matched by position)
    /// cannot occur: <see cref="LexicalRanker.QueryWords"/> are runs of letters and digits.</summary>
    private static IEnumerable<string> Terms(string question) =>
        LexicalRanker.QueryWords(question).Select(word => Fts5PorterTokens.Of(word).ToList()).Where(terms => terms.Count == 1).Select(terms => terms[0]);

    /// <summary>A lower score is worse; at an equal score the higher passage id is worse.</summary>
    private sealed class WorstFirst : IComparer<(double Score, long Id)>
    {
        public static WorstFirst Instance { get; } = new();

        public int Compare((double Score, long Id) x, (double Score, long Id) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.Id.CompareTo(x.Id);
        }
    }
}
