using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Newsdesk.Retrieval;

/// <summary>A quarter-size copy of every sentence vector for a fast first pass: each component rounded to a signed
/// byte on the sentence's own scale (its largest component maps to ±127). The first pass ranks sentences by the
/// integer dot product with the query, quantised the same way; the passages of the best sentences are then rescored
/// exactly on their float vectors, so the cosines handed on are exact and only the candidate set is approximate.</summary>
public sealed class Int8SentenceCodes
{
    private readonly sbyte[] codes;
    private readonly float[] scales;
    private readonly int[] passageOf;

    public Int8SentenceCodes(SentenceVectors vectors)
    {
        Dimensions = vectors.Dimensions;
        codes = new sbyte[(long)vectors.SentenceCount * Dimensions];
        scales = new float[vectors.SentenceCount];
        passageOf = new int[vectors.SentenceCount];
        var row = 0;
        for (var p = 0; p < vectors.PassageCount; p++)
        {
            for (var s = 0; s < vectors.SentencesOf(p); s++, row++)
            {
                scales[row] = Quantise(vectors.Row(p, s), codes.AsSpan(row * Dimensions, Dimensions));
                passageOf[row] = p;
            }
        }
    }

    public int Dimensions { get; }
    public long Bytes => codes.LongLength + scales.LongLength * sizeof(float) + passageOf.LongLength * sizeof(int);

    /// <summary>The distinct passages holding the <paramref name="sentences"/> best sentences by the quantised score,
    /// in passage order: rescoring offers them in the order exact search scans them.</summary>
    public IReadOnlyCollection<int> CandidatePassages(ReadOnlySpan<float> query, int sentences)
    {
        Span<sbyte> quantisedQuery = stackalloc sbyte[Dimensions];
        Quantise(query, quantisedQuery);
        var top = new TopScores(sentences);
        for (var row = 0; row < scales.Length; row++)
            top.Offer(row, Dot(codes.AsSpan(row * Dimensions, Dimensions), quantisedQuery) * scales[row]);
        var passages = new SortedSet<int>();
        foreach (var (row, _) in top.Descending()) passages.Add(passageOf[row]);
        return passages;
    }

    /// <summary>Writes the codes and returns the scale that maps them back (component ≈ code × scale).</summary>
    private static float Quantise(ReadOnlySpan<float> vector, Span<sbyte> into)
    {
        var largest = 0f;
        foreach (var x in vector) largest = Math.Max(largest, Math.Abs(x));
        if (largest == 0) { into.Clear(); return 0; }
        var scale = largest / 127f;
        for (var i = 0; i < vector.Length; i++) into[i] = (sbyte)Math.Round(vector[i] / scale);
        return scale;
    }

    internal static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var i = 0;
        var total = 0;
        if (Avx2.IsSupported)
        {
            // Widen 32 bytes to two vectors of 16 shorts, multiply and add adjacent pairs into 8 ints (vpmaddwd).
            var sum = Vector256<int>.Zero;
            for (; i <= a.Length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                var (aLow, aHigh) = Vector256.Widen(Vector256.Create(a[i..]));
                var (bLow, bHigh) = Vector256.Widen(Vector256.Create(b[i..]));
                sum = Avx2.Add(sum, Avx2.Add(Avx2.MultiplyAddAdjacent(aLow, bLow), Avx2.MultiplyAddAdjacent(aHigh, bHigh)));
            }
            total = Vector256.Sum(sum);
        }
        for (; i < a.Length; i++) total += a[i] * b[i];
        return total;
    }
}
