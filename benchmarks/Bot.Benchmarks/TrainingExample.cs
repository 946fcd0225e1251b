using Newsdesk.Answering;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Evaluation;

namespace Newsdesk.Benchmarks;

/// <summary>One question as the trainer sees it: the evidence retrieval's coverage decision is made from, its
/// analysis, and every candidate sentence with its features and whether it holds a fact a right answer needs.</summary>
public sealed record TrainingExample(
    EvaluationQuestion Question,
    CoverageEvidence Coverage,
    QuestionAnalysis Analysis,
    IReadOnlyList<(AnswerCandidate Candidate, bool HoldsFact)> Candidates)
{
    /// <summary>The shipped coverage decision (RetrievalOptions' defaults, which appsettings.json repeats).</summary>
    public bool IsRetrievalCovered => CoverageJudge.Covers(Coverage, Shipped);

    private static readonly RetrievalOptions Shipped = new();
}
