using Newsdesk.Chat;
using Newsdesk.Retrieval;

namespace Newsdesk.Answering;

/// <summary>How retrieval left a question: about the stories (<see cref="Covered"/>), close to them but not clearly
/// about them (<see cref="Uncertain"/>: answered only by a sentence that clearly holds the asked fact, never partial),
/// or off them (<see cref="NotCovered"/>: declined before any sentence is weighed).</summary>
public enum TopicStanding
{
    NotCovered,
    Uncertain,
    Covered,
}

/// <summary>The outcome decision, in one place: from what retrieval and the question's analysis produced (the topic's
/// standing, the candidate sentences with their evidence, whether each is about the entity asked about) to answered,
/// partly covered or not covered. The offline composer decides through <see cref="Shipped"/>; the language-model
/// backend's reply is held to the same standing (<see cref="HoldToStanding"/>); the <c>train</c> and <c>decide</c>
/// verbs replay the pipeline's captured inputs through this same type with candidate weights and thresholds, so what
/// they simulate is what the bot does (a test compares the two row by row on the seed's tuning questions).</summary>
/// <param name="GateWeights">The gate's weights, in the order of <see cref="SentenceEvidence.Names"/>.</param>
/// <param name="GateBias">The gate's bias.</param>
/// <param name="Thresholds">The gate probabilities and the topic share at which a covered question is answered or partly covered.</param>
/// <param name="UncertainTopicAnswer">Where the topic is uncertain, the gate probability every answering sentence needs, tied or not.</param>
public sealed record AnswerDecision(IReadOnlyList<double> GateWeights, double GateBias, AnswerThresholds Thresholds, double UncertainTopicAnswer)
{
    private const int MaxAnswerSentences = 4;
    // Stories repeat themselves; a sentence sharing this much with a chosen one adds nothing.
    private const double MaxOverlap = 0.6;

    /// <summary>The fitted model that ships (<see cref="AnswerModel"/>).</summary>
    public static AnswerDecision Shipped { get; } = new(AnswerModel.GateWeights, AnswerModel.GateBias,
        new AnswerThresholds(AnswerModel.AnswerThreshold, AnswerModel.TiedAnswerThreshold, AnswerModel.TopicThreshold, AnswerModel.SpanTieThreshold),
        AnswerModel.UncertainTopicAnswerThreshold);

    /// <summary>The standing retrieval decided (a follow-up that still lands on its thread's story is covered, whatever
    /// its evidence says: <see cref="FollowUpRetriever"/>).</summary>
    public static TopicStanding StandingOf(RetrievalResult retrieval) =>
        retrieval.IsCovered ? TopicStanding.Covered : retrieval.MayAnswer ? TopicStanding.Uncertain : TopicStanding.NotCovered;

    /// <summary>The standing the coverage evidence would have under other retrieval settings (the trainer fits them).</summary>
    public static TopicStanding StandingOf(CoverageEvidence evidence, RetrievalOptions settings) =>
        CoverageJudge.Covers(evidence, settings) ? TopicStanding.Covered
        : CoverageJudge.MayAnswer(evidence, settings) ? TopicStanding.Uncertain : TopicStanding.NotCovered;

    /// <summary>The gate's probability that one chosen sentence answers, from its own evidence.</summary>
    public double Gate(SentenceEvidence evidence) => AnswerModel.Probability(evidence.Features(), GateWeights, GateBias);

    /// <summary>The thresholds a question of this standing is decided at: where the topic is uncertain only a sentence
    /// at <see cref="UncertainTopicAnswer"/> answers and nothing is partial (<see cref="AnswerThresholds.ForUncertainTopic"/>).</summary>
    public AnswerThresholds ThresholdsFor(TopicStanding standing) =>
        standing == TopicStanding.Uncertain ? Thresholds.ForUncertainTopic(UncertainTopicAnswer) : Thresholds;

    /// <summary>The outcome. A question off the stories is not covered. Otherwise the reply answers when one of the
    /// chosen sentences passes the gate; it carries those that pass and at most one other, the best-ranked, as context.
    /// A sentence whose span of the asked kind is tied to the question (a focus word beside it, an apposition, or words
    /// around it that paraphrase the focus) passes at its own threshold; and when any chosen sentence passes, the
    /// chosen sentences with a tied span are the answer and the others context: "The label signed a deal with Tidewave"
    /// does not say who runs it. Where no sentence answers and the stories are about what was asked, the reply is
    /// partly covered; where the topic was uncertain, it is not covered instead.</summary>
    /// <param name="isAboutAskedEntity"><see cref="AskedEntity.Near"/>: whether a sentence is about an entity the
    /// question names; one that is not is context, never the answer.</param>
    public Composition Decide(TopicStanding standing, QuestionAnalysis question, IReadOnlyList<AnswerCandidate> candidates, Func<AnswerCandidate, bool> isAboutAskedEntity)
    {
        if (standing == TopicStanding.NotCovered) return None;
        return HoldToStanding(standing, DecideOnTopic(question, candidates, ThresholdsFor(standing), isAboutAskedEntity));
    }

    /// <summary>Where the topic was uncertain, only an answer stands: a partial reply (the model's too) becomes a decline,
    /// since the stories may not be the ones asked about and their on-topic sentences would be no reply.</summary>
    public static Composition HoldToStanding(TopicStanding standing, Composition composition) =>
        standing == TopicStanding.Uncertain && composition.Coverage != AnswerCoverage.Answered ? composition with { Sentences = [] } : composition;

    /// <summary>A follow-up is answered by a sentence its thread has not been given yet where one answers it: searched
    /// with its thread, it ranks the previous answer first again ("has it vanished before?" after "who shut down
    /// allofmp3" got the shutdown sentence twice). Only where nothing else answers is that sentence given again
    /// (<see cref="ThreadAnswers.SetAside"/> says which given sentences may answer anew). The passages stay the same and
    /// in the same order, so citations number them alike; <paramref name="composeOver"/> composes over them.</summary>
    public static async Task<Composition> AvoidingGivenAsync(Composition composed, IReadOnlySet<string> given, AnswerKind previousKind, AnswerKind asked,
        IReadOnlyList<RetrievedPassage> passages, Func<IReadOnlyList<RetrievedPassage>, Task<Composition>> composeOver)
    {
        if (given.Count == 0) return composed;
        var setAside = ThreadAnswers.SetAside(given, previousKind, asked);
        if (!composed.Sentences.Any(s => setAside.Contains(s.Text)) || ThreadAnswers.Without(passages, setAside) is not { } fresh) return composed;
        var withoutGiven = await composeOver(fresh);
        return withoutGiven is { Coverage: AnswerCoverage.Answered, Sentences.Count: > 0 } ? withoutGiven : composed;
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

    private static Composition None => new([], OfflineComposer.BackendName) { Coverage = AnswerCoverage.NotCovered };

    private Composition DecideOnTopic(QuestionAnalysis question, IReadOnlyList<AnswerCandidate> candidates, AnswerThresholds thresholds, Func<AnswerCandidate, bool> isAbout)
    {
        if (candidates.Count == 0 || question.Unknown.Count > 0) return None;

        var picked = Choose(candidates);
        // A name, a figure or a date is asked for by its shape: a sentence without one (other than the asked entity
        // itself) is context, never the answer.
        var needsSpan = question.Kind is AnswerKind.Agent or AnswerKind.Money or AnswerKind.Count or AnswerKind.Date;
        // Where the stories hold the asked outcome only as an order, a right, a plan or a possibility, they do not
        // say whether it happened: "ordered to pay" is what they say, whether he paid is what they do not.
        var shortOfOutcome = ShortOfOutcome(question, candidates, picked);
        if (shortOfOutcome is not null)
            return shortOfOutcome.Evidence.NearShare + shortOfOutcome.Evidence.ThreadShare < thresholds.Topic ? None
                : new Composition(Ordered([shortOfOutcome]), OfflineComposer.BackendName) { Coverage = AnswerCoverage.Partial, Missing = question.Wanted };
        var answering = picked.Where(c => (!needsSpan || c.Evidence.AnswerSpan > 0) && isAbout(c) && HoldsAskedRole(question, c)
            && Gate(c.Evidence) >= (IsTied(c, thresholds) ? thresholds.Tied : thresholds.Answer)).ToList();
        // The gate says the chosen sentences answer; where one of them holds a span tied to what was asked, that one
        // holds the answer and the others are context, even when the gate trusts an untied one more ("The Bristol
        // label Harbour Records has signed a deal" does not say who runs it; "Harbour Records chief executive Maria
        // Okafor" does).
        var tied = picked.Where(c => IsTied(c, thresholds) && isAbout(c) && HoldsAskedRole(question, c)).ToList();
        if (question.NamedNoun is { } noun) answering = NamingTheThing(question, noun, picked, thresholds, isAbout);
        else if (TypedSpans.IsTyped(question.Kind) && answering.Count > 0 && tied.Count > 0) answering = tied;
        if (answering.Count > 0)
        {
            var context = picked.FirstOrDefault(c => !answering.Contains(c));
            return new Composition(Ordered(context is null ? answering : [.. answering, context]), OfflineComposer.BackendName);
        }

        // No sentence holds the asked fact. If the stories are about what was asked, say what they do say.
        var onTopic = candidates.OrderByDescending(c => c.Evidence.NearShare + c.Evidence.Cosine).First();
        if (onTopic.Evidence.NearShare + onTopic.Evidence.ThreadShare < thresholds.Topic) return None;
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

    /// <summary>What one thing is called is said only by a name joined to that thing ("his album Innocent Man"); a name
    /// that merely stands near the question's words is another's ("A lawyer representing Mr Doherty and Mr Wass" names
    /// no lawyer), however sure the gate is. The joined name is itself the answer: its sentence answers where its story
    /// is on the question's topic, though the gate doubt it ("Pike's debut solo album Glass Harbour is released next
    /// month" for "what's the name of his solo album"); where the topic is uncertain, only at the gate's threshold.</summary>
    private List<AnswerCandidate> NamingTheThing(QuestionAnalysis question, string noun, IReadOnlyList<AnswerCandidate> picked,
        AnswerThresholds thresholds, Func<AnswerCandidate, bool> isAbout) =>
        picked.Where(c => ThingNames.Holds(c.Text, noun, question.Names) && isAbout(c) && HoldsAskedRole(question, c)
                && (c.Evidence.NearShare + c.Evidence.ThreadShare >= thresholds.Topic || Gate(c.Evidence) >= thresholds.Tied))
            .ToList();

    // A title for "which films", an age for "how old" (not any figure), and no asked entity standing as the agent of
    // the asked verb ("owned by Regiontorg" does not say who owns Regiontorg).
    private static bool HoldsAskedRole(QuestionAnalysis question, AnswerCandidate candidate) =>
        (!question.AsksForTitle || WorkTitles.Holds(candidate.Text, question.Names))
        && (!question.AsksAge || Ages.Holds(candidate.Text))
        && !AgentRole.IsReversed(candidate.Text, question.AgentVerb, question.Names);

    private static bool IsTied(AnswerCandidate candidate, AnswerThresholds thresholds) =>
        candidate.Evidence.SpanTied > 0 || (candidate.Evidence.AnswerSpan > 0 && candidate.Evidence.SpanFocus >= thresholds.SpanTie);

    private static List<ComposedSentence> Ordered(IEnumerable<AnswerCandidate> picked) =>
        picked.OrderBy(c => c.Rank).ThenBy(c => c.Position).Select(c => new ComposedSentence(c.Text, [c.Rank + 1])).ToList();

    private static double Overlap(IReadOnlySet<string> a, IReadOnlySet<string> b) =>
        a.Count == 0 || b.Count == 0 ? 0 : a.Count(b.Contains) / (double)Math.Min(a.Count, b.Count);
}
