using Newsdesk.Corpus;

namespace Newsdesk.Retrieval;

/// <summary>A passage chosen for a question, with the evidence each ranker gave for it and each sentence's dense
/// similarity to the question (which the offline composer uses to pick answer sentences).</summary>
public sealed record RetrievedPassage(
    StoredPassage Passage,
    double FusedScore,
    int? LexicalRank,
    int? DenseRank,
    double Cosine,
    IReadOnlyList<(SentenceSpan Span, float Cosine)> Sentences)
{
    /// <summary>The story's sentence just before this passage (<see cref="PassageIndex.SentenceBefore"/>): what the
    /// passage's first sentence may lean on for the entity it is about. Empty where the passage opens its story.</summary>
    public string SentenceBefore { get; init; } = "";
}
