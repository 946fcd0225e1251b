using System.Numerics;

namespace Newsdesk.Retrieval;

/// <summary>Every passage's sentence vectors, as the store loaded them (one array per passage, its sentences' unit
/// vectors concatenated): the one float copy of each vector. A passage's score for a query is its best sentence's
/// cosine.</summary>
public sealed class SentenceVectors
{
    private readonly float[][] vectors;

    public SentenceVectors(float[][] passageVectors, int dimensions)
    {
        vectors = passageVectors;
        Dimensions = dimensions;
        SentenceCount = passageVectors.Sum(v => v.Length / dimensions);
    }

    public int Dimensions { get; }
    public int PassageCount => vectors.Length;
    public int SentenceCount { get; }
    public long Bytes => (long)SentenceCount * Dimensions * sizeof(float);

    public int SentencesOf(int passage) => vectors[passage].Length / Dimensions;

    public ReadOnlySpan<float> Row(int passage, int sentence) => vectors[passage].AsSpan(sentence * Dimensions, Dimensions);

    /// <summary>The passage's best sentence cosine; float.MinValue for a passage without sentences.</summary>
    public float BestOf(int passage, ReadOnlySpan<float> query)
    {
        var best = float.MinValue;
        for (var s = 0; s < SentencesOf(passage); s++) best = Math.Max(best, Dot(Row(passage, s), query));
        return best;
    }

    /// <summary>Exact search: every sentence of every passage.</summary>
    public IReadOnlyList<(int Passage, float Cosine)> Nearest(ReadOnlySpan<float> query, int limit)
    {
        var top = new TopScores(limit);
        for (var p = 0; p < vectors.Length; p++) top.Offer(p, BestOf(p, query));
        return top.Descending();
    }

    /// <summary>Exact scores for the given passages only: the rescoring step after a quantised first pass.</summary>
    public IReadOnlyList<(int Passage, float Cosine)> Nearest(ReadOnlySpan<float> query, IEnumerable<int> candidates, int limit)
    {
        var top = new TopScores(limit);
        foreach (var p in candidates) top.Offer(p, BestOf(p, query));
        return top.Descending();
    }

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        var total = Vector.Sum(sum);
        for (; i < a.Length; i++) total += a[i] * b[i];
        return total;
    }
}
