using Newsdesk.Chat;
using Newsdesk.Retrieval;

namespace Newsdesk.Answering;

/// <summary>Answers a question from the retrieved passages without a language model, in one of three outcomes:
/// the sentences that hold what was asked (plus at most one sentence of context); or, when the stories cover the
/// topic but no sentence holds the asked fact, what they do say and what they do not; or nothing (a decline).
/// Which sentence answers is decided by <see cref="AnswerModel"/> from local evidence.</summary>
public static class OfflineAnswerComposer
{
    private const int MaxAnswerSentences = 4;
    // Stories repeat themselves; a sentence sharing this much with a chosen one adds nothing.
    private const double MaxOverlap = 0.6;

    /// <summary>The outcome with the shipped model. Where retrieval found the topic uncertain
    /// (<paramref name="isTopicUncertain"/>), only a sentence passing the stricter threshold answers and nothing is
    /// marked partly covered (<see cref="AnswerThresholds.ForUncertainTopic"/>).</summary>
    public static Composition Compose(QuestionAnalysis question, IReadOnlyList<RetrievedPassage> passages, TermStatistics statistics, FocusSimilarity similarity,
        bool isTopicUncertain = false)
    {
        var thresholds = new AnswerThresholds(AnswerModel.AnswerThreshold, AnswerModel.TiedAnswerThreshold, AnswerModel.TopicThreshold, AnswerModel.SpanTieThreshold);
        return Decide(question, AnswerEvidenceGatherer.Gather(question, passages, statistics, similarity), AnswerModel.GateProbability,
            isTopicUncertain ? thresholds.ForUncertainTopic(AnswerModel.UncertainTopicAnswerThreshold) : thresholds, AskedEntity.Near(question, passages));
    }

    /// <summary>The top-ranked sentences, those the reply would carry.</summary>
    public static IReadOnlyList<AnswerCandidate> Choose(IReadOnlyList<AnswerCandidate> candidates)
    {
        var ranked = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Rank).ThenBy(c => c.Position).ToList();
        var picked = new List<AnswerCandidate>();
        foreach (var candidate in ranked)
        {
            if (picked.Count == MaxAnswerSentences || candidate.Score < ranked[0].Score - AnswerModel.RankWindow) break;
            if (!picked.Any(p => Overlap(p.Terms, candidate.Terms) > MaxOverlap)) picked.Add(candidate);
        }
        return picked;
    }

    /// <summary>The outcome, given a gate that gives each sentence's probability of answering; the trainer calls it
    /// with candidate weights and thresholds. The reply answers when one of the chosen sentences passes the gate; it
    /// carries those that pass and at most one other, the best-ranked, as context. A sentence whose span of the asked
    /// kind is tied to the question (a focus word beside it, an apposition, or words around it that paraphrase the
    /// focus) passes at its own threshold; and when any chosen sentence passes, the chosen sentences with a tied span
    /// are the answer and the others context: "The label signed a deal with Tidewave" does not say who runs it.</summary>
    /// <remarks><paramref name="isAboutAskedEntity"/> (<see cref="AskedEntity.Near"/>; every sentence when null) says
    /// whether a sentence is about an entity the question names: one that is not is context, never the answer.</remarks>
    public static Composition Decide(QuestionAnalysis question, IReadOnlyList<AnswerCandidate> candidates, Func<IReadOnlyList<double>, double> gate,
        AnswerThresholds thresholds, Func<AnswerCandidate, bool>? isAboutAskedEntity = null)
    {
        var isAbout = isAboutAskedEntity ?? (_ => true);
        var none = new Composition([], OfflineComposer.BackendName) { Coverage = AnswerCoverage.NotCovered };
        if (candidates.Count == 0 || question.Unknown.Count > 0) return none;

        var picked = Choose(candidates);
        // A name, a figure or a date is asked for by its shape: a sentence without one (other than the asked entity
        // itself) is context, never the answer.
        var needsSpan = question.Kind is AnswerKind.Agent or AnswerKind.Money or AnswerKind.Count or AnswerKind.Date;
        // Where the stories hold the asked outcome only as an order, a right, a plan or a possibility, they do not
        // say whether it happened: "ordered to pay" is what they say, whether he paid is what they do not.
        var shortOfOutcome = ShortOfOutcome(question, candidates, picked);
        if (shortOfOutcome is not null)
            return shortOfOutcome.Evidence.NearShare + shortOfOutcome.Evidence.ThreadShare < thresholds.Topic ? none
                : new Composition(Ordered([shortOfOutcome]), OfflineComposer.BackendName) { Coverage = AnswerCoverage.Partial, Missing = question.Wanted };
        var answering = picked.Where(c => (!needsSpan || c.Evidence.AnswerSpan > 0) && isAbout(c) && HoldsAskedRole(question, c)
            && gate(c.Evidence.Features()) >= (IsTied(c, thresholds) ? thresholds.Tied : thresholds.Answer)).ToList();
        // The gate says the chosen sentences answer; where one of them holds a span tied to what was asked, that one
        // holds the answer and the others are context, even when the gate trusts an untied one more ("The Bristol
        // label Harbour Records has signed a deal" does not say who runs it; "Harbour Records chief executive Maria
        // Okafor" does).
        var tied = picked.Where(c => IsTied(c, thresholds) && isAbout(c) && HoldsAskedRole(question, c)).ToList();
        if (TypedSpans.IsTyped(question.Kind) && answering.Count > 0 && tied.Count > 0) answering = tied;
        if (answering.Count > 0)
        {
            var context = picked.FirstOrDefault(c => !answering.Contains(c));
            return new Composition(Ordered(context is null ? answering : [.. answering, context]), OfflineComposer.BackendName);
        }

        // No sentence holds the asked fact. If the stories are about what was asked, say what they do say.
        var onTopic = candidates.OrderByDescending(c => c.Evidence.NearShare + c.Evidence.Cosine).First();
        if (onTopic.Evidence.NearShare + onTopic.Evidence.ThreadShare < thresholds.Topic) return none;
        return new Composition(Ordered([onTopic]), OfflineComposer.BackendName) { Coverage = AnswerCoverage.Partial, Missing = question.Wanted };
    }

    /// <summary>For a yes/no question: the best-ranked sentence of the chosen sentences' stories that holds the asked
    /// verb, when every such sentence holds it short of a fact; null otherwise (the gate decides).</summary>
    private static AnswerCandidate? ShortOfOutcome(QuestionAnalysis question, IReadOnlyList<AnswerCandidate> candidates, IReadOnlyList<AnswerCandidate> picked)
    {
        if (question.OutcomeVerbs.Count == 0) return null;
        var stories = picked.Select(c => c.Rank).ToHashSet();
        var saying = candidates.Where(c => stories.Contains(c.Rank))
            .Select(c => (Candidate: c, States: OutcomeStatement.States(c.Text, question.OutcomeVerbs)))
            .Where(s => s.States is not null)
            .ToList();
        if (saying.Count == 0 || saying.Any(s => s.States == true)) return null;
        return saying.Select(s => s.Candidate).OrderByDescending(c => c.Score).First();
    }

    // A title for "which films", and no asked entity standing as the agent of the asked verb ("owned by Regiontorg"
    // does not say who owns Regiontorg).
    private static bool HoldsAskedRole(QuestionAnalysis question, AnswerCandidate candidate) =>
        (!question.AsksForTitle || WorkTitles.Holds(candidate.Text, question.Names))
        && !AgentRole.IsReversed(candidate.Text, question.AgentVerb, question.Names);

    private static bool IsTied(AnswerCandidate candidate, AnswerThresholds thresholds) =>
        candidate.Evidence.SpanTied > 0 || (candidate.Evidence.AnswerSpan > 0 && candidate.Evidence.SpanFocus >= thresholds.SpanTie);

    private static List<ComposedSentence> Ordered(IEnumerable<AnswerCandidate> picked) =>
        picked.OrderBy(c => c.Rank).ThenBy(c => c.Position).Select(c => new ComposedSentence(c.Text, [c.Rank + 1])).ToList();

    private static double Overlap(IReadOnlySet<string> a, IReadOnlySet<string> b) =>
        a.Count == 0 || b.Count == 0 ? 0 : a.Count(b.Contains) / (double)Math.Min(a.Count, b.Count);
}
