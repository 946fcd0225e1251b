namespace Newsdesk.Retrieval;

/// <summary>Quantised codes of every sentence in memory (<see cref="ISentenceFirstPass"/>) and every float in a
/// <see cref="SentenceRowFile"/> beside the store: the first pass names candidate passages, and only their floats are
/// read back and scored exactly, so the cosines handed on are exact and only the candidate set is approximate. The
/// floats stay in the system's page cache (or on disk at 100× the corpus), not in the process. Should the first pass
/// name fewer passages than asked for, every passage is read: exact search.</summary>
public sealed class OnDiskSentences(ISentenceFirstPass firstPass, SentenceRowFile rows, int readers) : IDenseSentences
{
    public int SentenceCount => (int)(rows.Bytes / rows.RowBytes);
    public long MemoryBytes => firstPass.Bytes;
    public long FileBytes => rows.Bytes;
    public ISentenceFirstPass FirstPass => firstPass;

    /// <summary>Int8 codes (<see cref="Int8FirstPass"/>) in memory, the floats written to <paramref name="path"/>.</summary>
    public static OnDiskSentences WithInt8(IReadOnlyList<float[]> passageVectors, int dimensions, string path, int firstPassSentences, int readers)
    {
        var codes = new Int8SentenceCodes(new SentenceVectors([.. passageVectors], dimensions));
        return new OnDiskSentences(new Int8FirstPass(codes, firstPassSentences), Write(passageVectors, dimensions, path, _ => { }), readers);
    }

    /// <summary>One-bit codes (<see cref="BinaryFirstPass"/>) in memory, the floats written to <paramref name="path"/>.</summary>
    public static OnDiskSentences WithBinary(IReadOnlyList<float[]> passageVectors, int dimensions, string path,
        int shortlist, int rescored, int readers)
    {
        var codes = new BinarySentenceCodes(BinarySentenceCodes.MeanOf(passageVectors, dimensions), passageVectors.Sum(v => v.Length / dimensions));
        var rows = Write(passageVectors, dimensions, path, p => codes.Add(p, passageVectors[p]));
        return new OnDiskSentences(new BinaryFirstPass(codes, shortlist, rescored), rows, readers);
    }

    public IReadOnlyList<(int Passage, float Cosine)> Nearest(ReadOnlySpan<float> query, int limit)
    {
        var candidates = firstPass.CandidatePassages(query, limit);
        IEnumerable<int> scored = candidates.Count >= Math.Min(limit, rows.PassageCount) ? candidates : Enumerable.Range(0, rows.PassageCount);
        return rows.Nearest(query.ToArray(), scored, limit, readers);
    }

    public float[] Cosines(int passage, ReadOnlySpan<float> query) => rows.Cosines(passage, query);

    private static SentenceRowFile Write(IReadOnlyList<float[]> passageVectors, int dimensions, string path, Action<int> alongside)
    {
        using var writer = new SentenceRowFileWriter(path, dimensions);
        for (var p = 0; p < passageVectors.Count; p++)
        {
            alongside(p);
            writer.Append(passageVectors[p]);
        }
        return writer.Complete();
    }
}
