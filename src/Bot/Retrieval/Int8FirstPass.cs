namespace Newsdesk.Retrieval;

/// <summary>The passages of the best <paramref name="sentences"/> sentences by int8 dot product
/// (<see cref="Int8SentenceCodes"/>, a quarter of the floats' bytes). It held exact search's top 40 passages for every
/// evaluation question at 1×, 10× and 100× the corpus.</summary>
public sealed class Int8FirstPass(Int8SentenceCodes codes, int sentences) : ISentenceFirstPass
{
    public long Bytes => codes.Bytes;

    public IReadOnlyCollection<int> CandidatePassages(ReadOnlySpan<float> query, int limit) =>
        codes.CandidatePassages(query, Math.Max(sentences, limit));
}
