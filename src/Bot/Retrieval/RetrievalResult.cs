namespace Newsdesk.Retrieval;

/// <summary>The passages found for a question, best first, and whether the corpus covers it.</summary>
public sealed record RetrievalResult(IReadOnlyList<RetrievedPassage> Passages, CoverageEvidence Evidence, bool IsCovered);
