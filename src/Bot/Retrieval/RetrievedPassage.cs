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
    IReadOnlyList<(SentenceSpan Span, float Cosine)> Sentences);
