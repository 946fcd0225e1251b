namespace Newsdesk.Retrieval;

/// <summary>The passages of the best <paramref name="rescored"/> of the <paramref name="shortlist"/> sentences closest
/// by Hamming distance (<see cref="BinarySentenceCodes"/>, a 32nd of the floats' bytes). It found exact search's top 5
/// for every evaluation question at 1×, 10× and 100× the corpus, but not always the tail of the top 40, so it is for
/// corpora too large for the int8 codes.</summary>
public sealed class BinaryFirstPass(BinarySentenceCodes codes, int shortlist, int rescored) : ISentenceFirstPass
{
    public long Bytes => codes.Bytes;

    public IReadOnlyCollection<int> CandidatePassages(ReadOnlySpan<float> query, int limit) =>
        codes.CandidatePassages(query, Math.Max(rescored, limit), shortlist);
}
