using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Newsdesk.Retrieval;

/// <summary>Every sentence's float vector in a file, passage after passage, read back only for the passages a first
/// pass names: rescoring a few thousand sentences reads a few megabytes, served from the system's page cache when
/// warm, which the process does not hold (at 100× the corpus the floats are 6 GiB, the process's budget 2 GB).
/// Written by <see cref="SentenceRowFileWriter"/>. The file is only ever a copy of what the store holds, so it lives as
/// long as this handle: where the system allows it (not on Windows) its name is removed at once, which frees its
/// space even if the process is killed; elsewhere it is deleted when the handle closes.</summary>
public sealed class SentenceRowFile : IDisposable
{
    private readonly string path;
    private readonly int dimensions;
    private readonly long[] firstRowOfPassage;
    private readonly SafeFileHandle handle;

    public SentenceRowFile(string path, int dimensions, long[] firstRowOfPassage)
    {
        this.path = path;
        this.dimensions = dimensions;
        this.firstRowOfPassage = firstRowOfPassage;
        handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
            FileOptions.RandomAccess | FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows()) File.Delete(path);
    }

    public int PassageCount => firstRowOfPassage.Length - 1;
    public long RowBytes => dimensions * sizeof(float);
    public long Bytes => firstRowOfPassage[^1] * RowBytes;

    /// <summary>The passage's best sentence cosine; float.MinValue for a passage without sentences.</summary>
    public float BestOf(int passage, ReadOnlySpan<float> query)
    {
        var rows = RowsOf(passage);
        var rented = System.Buffers.ArrayPool<float>.Shared.Rent(rows * dimensions);
        try
        {
            return BestOf(passage, query, rented.AsSpan(0, rows * dimensions));
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>Each sentence of the passage's cosine with the query, in order.</summary>
    public float[] Cosines(int passage, ReadOnlySpan<float> query)
    {
        // Pooled: the beat judge reads every passage once per snapshot, and fresh arrays would be the floats' size in
        // garbage.
        var cosines = new float[RowsOf(passage)];
        var rented = System.Buffers.ArrayPool<float>.Shared.Rent(cosines.Length * dimensions);
        try
        {
            var vectors = rented.AsSpan(0, cosines.Length * dimensions);
            Read(passage, vectors);
            for (var s = 0; s < cosines.Length; s++) cosines[s] = SentenceVectors.Dot(vectors.Slice(s * dimensions, dimensions), query);
            return cosines;
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(rented);
        }
    }

    private int RowsOf(int passage) => (int)(firstRowOfPassage[passage + 1] - firstRowOfPassage[passage]);

    private void Read(int passage, Span<float> vectors)
    {
        var bytes = MemoryMarshal.AsBytes(vectors);
        for (var read = 0; read < bytes.Length;)
        {
            var got = RandomAccess.Read(handle, bytes[read..], firstRowOfPassage[passage] * dimensions * sizeof(float) + read);
            if (got == 0) throw new EndOfStreamException($"{path} ends inside passage {passage}.");
            read += got;
        }
    }

    private float BestOf(int passage, ReadOnlySpan<float> query, Span<float> vectors)
    {
        Read(passage, vectors);
        var best = float.MinValue;
        for (var at = 0; at < vectors.Length; at += dimensions)
            best = Math.Max(best, SentenceVectors.Dot(vectors.Slice(at, dimensions), query));
        return best;
    }

    /// <summary>Exact scores for the given passages: the rescoring step after <see cref="BinarySentenceCodes"/>. With
    /// more than one reader, the passages are read and scored on that many threads at once: when the rows are not in
    /// the page cache each read waits on the disk, and the disk serves several at once about as fast as one.</summary>
    public IReadOnlyList<(int Passage, float Cosine)> Nearest(float[] query, IEnumerable<int> candidates, int limit, int readers = 1)
    {
        var passages = candidates.ToArray();
        var scores = new float[passages.Length];
        if (readers <= 1) for (var i = 0; i < passages.Length; i++) scores[i] = BestOf(passages[i], query);
        else Parallel.For(0, passages.Length, new ParallelOptions { MaxDegreeOfParallelism = readers }, i => scores[i] = BestOf(passages[i], query));
        var top = new TopScores(limit);
        for (var i = 0; i < passages.Length; i++) top.Offer(passages[i], scores[i]);
        return top.Descending();
    }

    public void Dispose() => handle.Dispose();
}
