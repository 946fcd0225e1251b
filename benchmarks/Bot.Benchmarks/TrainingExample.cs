using Newsdesk.Answering;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Evaluation;

namespace Newsdesk.Benchmarks;

/// <summary>One question as the trainer sees it: what the pipeline produced before the decision (<see cref="Input"/>,
/// which <see cref="DecisionReplay"/> replays), and every candidate sentence with whether it holds a fact a right
/// answer needs.</summary>
public sealed record TrainingExample(
    EvaluationQuestion Question,
    DecisionInput Input,
    IReadOnlyList<(AnswerCandidate Candidate, bool HoldsFact)> Candidates)
{
    public CoverageEvidence Coverage => Input.Retrieval.Evidence;

    public QuestionAnalysis Analysis => Input.Analysis;

    /// <summary>Retrieval's own coverage decision (covered, not merely close enough to be answered).</summary>
    public bool IsRetrievalCovered => Input.StandingUnder(null) == TopicStanding.Covered;
}
