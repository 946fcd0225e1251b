using Newsdesk.Corpus;

namespace Newsdesk.Retrieval;

/// <summary>A passage chosen for a question, with the evidence each ranker gave for it.</summary>
public sealed record RetrievedPassage(StoredPassage Passage, double FusedScore, int? LexicalRank, int? DenseRank, double Cosine);
