using Newsdesk.Retrieval;

namespace Newsdesk.Answering;

/// <summary>Answers a question from the retrieved passages without a language model, in one of three outcomes:
/// the sentences that hold what was asked (plus at most one sentence of context); or, when the stories cover the
/// topic but no sentence holds the asked fact, what they do say and what they do not; or nothing (a decline).
/// It measures each sentence's evidence (<see cref="AnswerEvidenceGatherer"/>) and which sentences are about the
/// entity asked about (<see cref="AskedEntity"/>); <see cref="AnswerDecision"/> decides, with the shipped model.</summary>
public static class OfflineAnswerComposer
{
    /// <summary>The outcome with the shipped model. Where retrieval found the topic uncertain
    /// (<paramref name="isTopicUncertain"/>), only a sentence passing the stricter threshold answers and nothing is
    /// marked partly covered (<see cref="AnswerDecision.ThresholdsFor"/>).</summary>
    public static Composition Compose(QuestionAnalysis question, IReadOnlyList<RetrievedPassage> passages, TermStatistics statistics, FocusSimilarity similarity,
        bool isTopicUncertain = false) =>
        AnswerDecision.Shipped.Decide(isTopicUncertain ? TopicStanding.Uncertain : TopicStanding.Covered, question,
            AnswerEvidenceGatherer.Gather(question, passages, statistics, similarity), AskedEntity.Near(question, passages));
}
