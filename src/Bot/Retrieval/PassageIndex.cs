using Newsdesk.Corpus;

namespace Newsdesk.Retrieval;

/// <summary>An immutable in-memory snapshot of the store: every sentence's embedding for dense search (41k sentences ×
/// 384 floats ≈ 60 MB for the seed and the BBC set), and term statistics. A passage's dense score is its best
/// sentence's. Dense search scans int8 codes of every sentence (a quarter of the bytes) and rescores the passages of
/// the best few hundred sentences on their floats, so the cosines handed on are exact.</summary>
public sealed class PassageIndex
{
    private readonly SentenceVectors vectors;
    private readonly Dictionary<long, int> byId;
    private readonly SentenceSpan[][] sentences;
    private readonly Int8SentenceCodes? codes;
    private readonly int firstPassSentences;

    /// <param name="firstPassSentences">Sentences the int8 first pass hands to rescoring; 0, or an index with no more
    /// sentences than that, searches exactly.</param>
    public PassageIndex(IReadOnlyList<(StoredPassage Passage, SentenceSpan[] Sentences, float[] Vectors)> passages, int dimensions,
        int firstPassSentences = 0)
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
        this.firstPassSentences = firstPassSentences;
        if (firstPassSentences > 0 && SentenceCount > firstPassSentences) codes = new Int8SentenceCodes(vectors);
    }

    public static PassageIndex Empty { get; } = new([], 384);

    public int Dimensions { get; }
    public IReadOnlyList<StoredPassage> Passages { get; }
    public TermStatistics Terms { get; }
    public int Count => Passages.Count;
    public int SentenceCount { get; }
    public long VectorBytes => vectors.Bytes;
    public long CodeBytes => codes?.Bytes ?? 0;

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

    /// <summary>The <paramref name="limit"/> passages whose best sentence is closest to <paramref name="query"/>, best
    /// first, equal cosines in passage order. With a first pass, only the passages of its best sentences are
    /// rescored: they hold exact search's top passages (tested against it, and measured by the benchmark's scale
    /// verb), and since both order ties by passage the result is the same list. Should the first pass yield fewer
    /// passages than asked for, the search is exact.</summary>
    public IReadOnlyList<(StoredPassage Passage, float Cosine)> Nearest(ReadOnlySpan<float> query, int limit)
    {
        var hits = codes is null ? vectors.Nearest(query, limit) : NearestAfterFirstPass(query, limit);
        return hits.Select(hit => (Passages[hit.Passage], hit.Cosine)).ToList();
    }

    private IReadOnlyList<(int Passage, float Cosine)> NearestAfterFirstPass(ReadOnlySpan<float> query, int limit)
    {
        var candidates = codes!.CandidatePassages(query, Math.Max(firstPassSentences, limit));
        return candidates.Count >= Math.Min(limit, Count) ? vectors.Nearest(query, candidates, limit) : vectors.Nearest(query, limit);
    }
}
