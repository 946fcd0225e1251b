using System.Buffers;
using System.Numerics;

namespace Newsdesk.Retrieval;

/// <summary>One bit per component of every sentence vector (48 bytes for 384 floats, a 32nd of them): set where the
/// component exceeds the corpus's mean vector. Ranking by <c>query · sentence</c> is unchanged by subtracting the same
/// mean from every sentence, and centred vectors split their signs evenly, so the bits carry more about the angle than
/// the raw signs would. The first pass ranks every sentence by the Hamming distance between its bits and the query's
/// signs (a few instructions a sentence); a shortlist of the closest is re-ranked by the query's own floats against
/// the bits, each sentence's bits scaled by the mean size of its centred components (the best one-number fit of the
/// vector to its signs); the passages of the best of those are then rescored exactly, on floats that need not be in
/// memory (<see cref="SentenceRowFile"/>). Sentences are added in passage order, each passage's together.</summary>
public sealed class BinarySentenceCodes
{
    private const int RowsPerPartition = 1 << 18;
    private readonly float[] centre;
    private readonly int words;
    private readonly ulong[] codes;
    private readonly int[] passageOf;
    private readonly float[] sizes;

    public BinarySentenceCodes(float[] centre, int capacity)
    {
        this.centre = centre;
        words = (centre.Length + 63) / 64;
        codes = new ulong[(long)capacity * words];
        passageOf = new int[capacity];
        sizes = new float[capacity];
    }

    public int Dimensions => centre.Length;
    public int SentenceCount { get; private set; }
    public long Bytes => codes.LongLength * sizeof(ulong) + passageOf.LongLength * sizeof(int) + sizes.LongLength * sizeof(float);

    /// <summary>The mean of every sentence vector (one array per passage, its sentences concatenated).</summary>
    public static float[] MeanOf(IEnumerable<float[]> passageVectors, int dimensions)
    {
        var sum = new double[dimensions];
        long rows = 0;
        foreach (var vectors in passageVectors)
            for (var at = 0; at < vectors.Length; at += dimensions, rows++)
                for (var i = 0; i < dimensions; i++) sum[i] += vectors[at + i];
        return sum.Select(s => rows == 0 ? 0f : (float)(s / rows)).ToArray();
    }

    /// <summary>Adds the sentences of the next passage (its vectors concatenated).</summary>
    public void Add(int passage, ReadOnlySpan<float> vectors)
    {
        for (var at = 0; at < vectors.Length; at += Dimensions, SentenceCount++)
        {
            var row = vectors.Slice(at, Dimensions);
            Encode(row, centre, codes.AsSpan(SentenceCount * words, words));
            passageOf[SentenceCount] = passage;
            var size = 0f;
            for (var i = 0; i < Dimensions; i++) size += Math.Abs(row[i] - centre[i]);
            sizes[SentenceCount] = size / Dimensions;
        }
    }

    /// <summary>The distinct passages holding the <paramref name="sentences"/> best sentences of a shortlist of the
    /// <paramref name="shortlist"/> closest by Hamming distance (equal distances: the earlier sentence first), in
    /// passage order. A shortlist no longer than <paramref name="sentences"/> skips the re-ranking.</summary>
    public IReadOnlyCollection<int> CandidatePassages(ReadOnlySpan<float> query, int sentences, int shortlist = 0)
    {
        var closest = ClosestByHamming(query, Math.Max(sentences, shortlist));
        if (closest.Length > sentences) closest = ReRanked(query, closest, sentences);
        var passages = new SortedSet<int>();
        foreach (var row in closest) passages.Add(passageOf[row]);
        return passages;
    }

    /// <summary>The best <paramref name="count"/> of the given rows by the query's floats against their scaled
    /// signs. The sum over set bits comes from a table of every byte value's sum at each byte position, built once
    /// per query, so a sentence costs one lookup a byte.</summary>
    private int[] ReRanked(ReadOnlySpan<float> query, int[] rows, int count)
    {
        var bytes = words * 8;
        var table = new float[bytes * 256];
        for (var at = 0; at < bytes; at++)
            for (var value = 1; value < 256; value++)
            {
                var component = at * 8 + BitOperations.TrailingZeroCount(value);
                table[at * 256 + value] = table[at * 256 + (value & (value - 1))] + (component < query.Length ? query[component] : 0);
            }
        var total = 0f;
        foreach (var x in query) total += x;
        var top = new TopScores(count);
        var all = System.Runtime.InteropServices.MemoryMarshal.AsBytes(codes.AsSpan());
        foreach (var row in rows)
        {
            var code = all.Slice(row * bytes, bytes);
            var setSum = 0f;
            for (var at = 0; at < bytes; at++) setSum += table[at * 256 + code[at]];
            top.Offer(row, sizes[row] * (2 * setSum - total));
        }
        return top.Descending().Select(hit => hit.Item).ToArray();
    }

    private int[] ClosestByHamming(ReadOnlySpan<float> query, int sentences)
    {
        Span<ulong> signs = stackalloc ulong[words];
        Encode(query, new float[Dimensions], signs);
        var querySigns = signs.ToArray();
        var distances = ArrayPool<ushort>.Shared.Rent(SentenceCount);
        try
        {
            var partitions = (SentenceCount + RowsPerPartition - 1) / RowsPerPartition;
            var histograms = new int[partitions][];
            Parallel.For(0, partitions, part => histograms[part] = Distances(querySigns, distances, part * RowsPerPartition,
                Math.Min(SentenceCount, (part + 1) * RowsPerPartition)));
            var histogram = new int[Dimensions + 2];
            foreach (var counted in histograms)
                for (var d = 0; d < histogram.Length; d++) histogram[d] += counted[d];
            return Closest(distances, histogram, Math.Min(sentences, SentenceCount));
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(distances);
        }
    }

    /// <summary>Each row's distance to the query's signs, and how many rows have each distance. The scan reads every
    /// code, so it is the first pass's cost: 384 components (six words) are unrolled, with the query's words held in
    /// registers and one bounds check a row.</summary>
    private int[] Distances(ulong[] query, ushort[] into, int from, int to)
    {
        var histogram = new int[Dimensions + 2];
        var all = codes.AsSpan();
        if (words == 6)
        {
            ulong q0 = query[0], q1 = query[1], q2 = query[2], q3 = query[3], q4 = query[4], q5 = query[5];
            for (var row = from; row < to; row++)
            {
                var code = all.Slice(row * 6, 6);
                var distance = BitOperations.PopCount(code[5] ^ q5) + BitOperations.PopCount(code[0] ^ q0) +
                    BitOperations.PopCount(code[1] ^ q1) + BitOperations.PopCount(code[2] ^ q2) +
                    BitOperations.PopCount(code[3] ^ q3) + BitOperations.PopCount(code[4] ^ q4);
                into[row] = (ushort)distance;
                histogram[distance]++;
            }
            return histogram;
        }
        for (var row = from; row < to; row++)
        {
            var code = all.Slice(row * words, words);
            var distance = 0;
            for (var w = 0; w < code.Length; w++) distance += BitOperations.PopCount(code[w] ^ query[w]);
            into[row] = (ushort)distance;
            histogram[distance]++;
        }
        return histogram;
    }

    /// <summary>A counting selection: the largest distance still needed, then every row below it and the earliest
    /// rows at it. Distances are small integers, so this costs one more pass and no heap.</summary>
    private int[] Closest(ushort[] distances, int[] histogram, int count)
    {
        int threshold = 0, below = 0;
        while (below + histogram[threshold] < count) below += histogram[threshold++];
        var atThreshold = count - below;
        var rows = new int[count];
        var taken = 0;
        for (var row = 0; row < SentenceCount && taken < count; row++)
        {
            if (distances[row] < threshold) rows[taken++] = row;
            else if (distances[row] == threshold && atThreshold > 0) { atThreshold--; rows[taken++] = row; }
        }
        return rows;
    }

    private static void Encode(ReadOnlySpan<float> vector, ReadOnlySpan<float> centre, Span<ulong> into)
    {
        into.Clear();
        for (var i = 0; i < vector.Length; i++)
            if (vector[i] > centre[i]) into[i >> 6] |= 1UL << (i & 63);
    }
}
