namespace Newsdesk.Retrieval;

/// <summary>Every float in memory, as the store loaded them: exact search, or, above
/// <c>firstPassSentences</c>, an int8 first pass whose best sentences' passages are rescored on their floats.</summary>
public sealed class InMemorySentences : IDenseSentences
{
    private readonly SentenceVectors vectors;
    private readonly Int8SentenceCodes? codes;
    private readonly int firstPassSentences;

    /// <param name="firstPassSentences">Sentences the int8 first pass hands to rescoring; 0, or an index with no more
    /// sentences than that, searches exactly.</param>
    public InMemorySentences(SentenceVectors vectors, int firstPassSentences)
    {
        this.vectors = vectors;
        this.firstPassSentences = firstPassSentences;
        if (firstPassSentences > 0 && vectors.SentenceCount > firstPassSentences) codes = new Int8SentenceCodes(vectors);
    }

    public int SentenceCount => vectors.SentenceCount;
    public long VectorBytes => vectors.Bytes;
    public long CodeBytes => codes?.Bytes ?? 0;
    public long MemoryBytes => VectorBytes + CodeBytes;

    /// <summary>With a first pass, only the passages of its best sentences are rescored: they hold exact search's top
    /// passages (tested against it), and since both order ties by passage the result is the same list. Should the
    /// first pass yield fewer passages than asked for, the search is exact.</summary>
    public IReadOnlyList<(int Passage, float Cosine)> Nearest(ReadOnlySpan<float> query, int limit)
    {
        if (codes is null) return vectors.Nearest(query, limit);
        var candidates = codes.CandidatePassages(query, Math.Max(firstPassSentences, limit));
        return candidates.Count >= Math.Min(limit, vectors.PassageCount) ? vectors.Nearest(query, candidates, limit) : vectors.Nearest(query, limit);
    }

    public float[] Cosines(int passage, ReadOnlySpan<float> query)
    {
        var result = new float[vectors.SentencesOf(passage)];
        for (var s = 0; s < result.Length; s++) result[s] = SentenceVectors.Dot(vectors.Row(passage, s), query);
        return result;
    }
}
