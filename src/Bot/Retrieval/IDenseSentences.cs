namespace Newsdesk.Retrieval;

/// <summary>Where a <see cref="PassageIndex"/> keeps its sentence vectors and how it searches them: every float in
/// memory (<see cref="InMemorySentences"/>), or one-bit codes in memory and the floats in a file
/// (<see cref="OnDiskSentences"/>). Passages are numbered by their place in the index; a passage's score is its best
/// sentence's cosine, and equal cosines are ordered by passage, so both give exact search's list.</summary>
public interface IDenseSentences
{
    int SentenceCount { get; }

    /// <summary>What the vectors and codes hold in the process's memory.</summary>
    long MemoryBytes { get; }

    /// <summary>The <paramref name="limit"/> passages whose best sentence is closest to the query, best first.</summary>
    IReadOnlyList<(int Passage, float Cosine)> Nearest(ReadOnlySpan<float> query, int limit);

    /// <summary>Each sentence of the passage's cosine with the query, in order.</summary>
    float[] Cosines(int passage, ReadOnlySpan<float> query);
}
