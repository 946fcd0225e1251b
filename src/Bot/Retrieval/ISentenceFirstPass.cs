namespace Newsdesk.Retrieval;

/// <summary>A quantised first pass over every sentence: names the passages whose floats are then scored exactly.</summary>
public interface ISentenceFirstPass
{
    /// <summary>What the codes hold in memory.</summary>
    long Bytes { get; }

    /// <summary>The candidate passages for the <paramref name="limit"/> nearest, in passage order.</summary>
    IReadOnlyCollection<int> CandidatePassages(ReadOnlySpan<float> query, int limit);
}
