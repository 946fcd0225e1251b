namespace Newsdesk.Retrieval;

/// <summary>The passages found for a question, best first, whether the corpus covers it, and the term statistics of
/// the index snapshot they came from: a reload between retrieval and composition must not mix two snapshots.</summary>
public sealed record RetrievalResult(IReadOnlyList<RetrievedPassage> Passages, CoverageEvidence Evidence, bool IsCovered, TermStatistics Statistics)
{
    /// <summary>Not covered, but close: a sentence that holds the asked fact may answer; the reply is never partial.</summary>
    public bool MayAnswer { get; init; }
}
