using System.Numerics;
using Newsdesk.Corpus;

namespace Newsdesk.Retrieval;

/// <summary>An immutable in-memory snapshot of the store's passages: their embeddings as one matrix for brute-force
/// dense search (11k passages × 384 floats ≈ 17 MB, a few milliseconds a query), and term statistics.</summary>
public sealed class PassageIndex
{
    private readonly float[] matrix;
    private readonly Dictionary<long, int> rowById;

    public PassageIndex(IReadOnlyList<(StoredPassage Passage, float[] Embedding)> passages, int dimensions)
    {
        Dimensions = dimensions;
        Passages = passages.Select(p => p.Passage).ToArray();
        matrix = new float[passages.Count * dimensions];
        rowById = new Dictionary<long, int>(passages.Count);
        for (var row = 0; row < passages.Count; row++)
        {
            passages[row].Embedding.AsSpan().CopyTo(matrix.AsSpan(row * dimensions, dimensions));
            rowById[passages[row].Passage.Id] = row;
        }
        Terms = new TermStatistics(Passages.Select(p => p.Title + " " + p.Text));
    }

    public static PassageIndex Empty { get; } = new([], 384);

    public int Dimensions { get; }
    public IReadOnlyList<StoredPassage> Passages { get; }
    public TermStatistics Terms { get; }
    public int Count => Passages.Count;

    public StoredPassage? Find(long passageId) => rowById.TryGetValue(passageId, out var row) ? Passages[row] : null;

    public float Similarity(long passageId, ReadOnlySpan<float> query) =>
        rowById.TryGetValue(passageId, out var row) ? Dot(matrix.AsSpan(row * Dimensions, Dimensions), query) : 0f;

    /// <summary>The <paramref name="limit"/> passages closest to <paramref name="query"/>, best first.</summary>
    public IReadOnlyList<(StoredPassage Passage, float Cosine)> Nearest(ReadOnlySpan<float> query, int limit)
    {
        var best = new PriorityQueue<int, float>(limit + 1);
        for (var row = 0; row < Passages.Count; row++)
        {
            var score = Dot(matrix.AsSpan(row * Dimensions, Dimensions), query);
            if (best.Count < limit) best.Enqueue(row, score);
            else if (best.TryPeek(out _, out var worst) && score > worst) best.EnqueueDequeue(row, score);
        }
        var result = new List<(StoredPassage, float)>(best.Count);
        while (best.TryDequeue(out var row, out var score)) result.Add((Passages[row], score));
        result.Reverse();
        return result;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
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
