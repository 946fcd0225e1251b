using Newsdesk.Answering;
using Newsdesk.Tests.Evaluation;

namespace Newsdesk.Benchmarks;

/// <summary>One question as the trainer sees it: whether retrieval judged it covered, its analysis, and every
/// candidate sentence with its features and whether it holds a fact a right answer needs.</summary>
public sealed record TrainingExample(
    EvaluationQuestion Question,
    bool IsRetrievalCovered,
    QuestionAnalysis Analysis,
    IReadOnlyList<(AnswerCandidate Candidate, bool HoldsFact)> Candidates);
