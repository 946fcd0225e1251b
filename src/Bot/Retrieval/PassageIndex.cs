using Newsdesk.Corpus;

namespace Newsdesk.Retrieval;

/// <summary>An immutable in-memory snapshot of the store: every sentence's embedding for brute-force dense search
/// (41k sentences × 384 floats ≈ 60 MB for the seed and the BBC set, a few milliseconds a query), and term
/// statistics. A passage's dense score is its best sentence's.</summary>
public sealed class PassageIndex
{
    private readonly SentenceVectors vectors;
    private readonly Dictionary<long, int> byId;
    private readonly SentenceSpan[][] sentences;

    public PassageIndex(IReadOnlyList<(StoredPassage Passage, SentenceSpan[] Sentences, float[] Vectors)> passages, int dimensions)
    {
        Dimensions = dimensions;
        Passages = passages.Select(p => p.Passage).ToArray();
        sentences = passages.Select(p => p.Sentences).ToArray();
        // The arrays the store loaded are kept as they are: the one copy of every vector (a matrix of all rows built
        // beside them held each vector twice while loading). Scanning passage by passage reads memory just as
        // sequentially.
        vectors = new SentenceVectors(passages.Select(p => p.Vectors).ToArray(), dimensions);
        SentenceCount = sentences.Sum(s => s.Length);
        byId = new Dictionary<long, int>(passages.Count);
        for (var i = 0; i < passages.Count; i++) byId[passages[i].Passage.Id] = i;
        Terms = new TermStatistics(Passages.Select(p => p.Title + " " + p.Text));
    }

    public static PassageIndex Empty { get; } = new([], 384);

    public int Dimensions { get; }
    public IReadOnlyList<StoredPassage> Passages { get; }
    public TermStatistics Terms { get; }
    public int Count => Passages.Count;
    public int SentenceCount { get; }
    public long VectorBytes => vectors.Bytes;

    public StoredPassage? Find(long passageId) => byId.TryGetValue(passageId, out var at) ? Passages[at] : null;

    /// <summary>Each sentence of a passage with its cosine similarity to <paramref name="query"/>.</summary>
    public IReadOnlyList<(SentenceSpan Span, float Cosine)> Sentences(long passageId, ReadOnlySpan<float> query)
    {
        if (!byId.TryGetValue(passageId, out var at)) return [];
        var spans = sentences[at];
        var result = new (SentenceSpan, float)[spans.Length];
        for (var s = 0; s < spans.Length; s++) result[s] = (spans[s], SentenceVectors.Dot(vectors.Row(at, s), query));
        return result;
    }

    /// <summary>The <paramref name="limit"/> passages whose best sentence is closest to <paramref name="query"/>: exact
    /// search over every sentence. The int8 first pass (<see cref="Int8SentenceCodes"/>) finds the same top passages
    /// with the same cosines but may order byte-identical copies (equal cosines) differently, which moves the
    /// evaluation; docs/performance.md, "Dense search at scale", has the figures.</summary>
    public IReadOnlyList<(StoredPassage Passage, float Cosine)> Nearest(ReadOnlySpan<float> query, int limit) =>
        vectors.Nearest(query, limit).Select(hit => (Passages[hit.Passage], hit.Cosine)).ToList();
}
