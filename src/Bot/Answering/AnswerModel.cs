namespace Newsdesk.Answering;

/// <summary>Two small linear models over <see cref="SentenceEvidence"/>. The ranker scores how likely each retrieved
/// sentence is, among the others, to hold the answer (a conditional logit: a softmax over one question's sentences).
/// The gate says whether the top-ranked sentences really answer (logistic regression): if not, the reply is partial
/// or a decline. Weights and thresholds are fitted, never hand-set: <c>dotnet run -c Release --project
/// benchmarks/Bot.Benchmarks -- train</c> fits them on the tuning part of the evaluation set and prints this table
/// (docs/answering-model.md has the run and its train/test figures). Training never runs at start-up.</summary>
public static class AnswerModel
{
    // Fitted by the train verb (--hand-written-only) at 06:56 UTC on 2026-11-30 over the tuning part (seed+BBC, the
    // seed alone, and the Hostile tests' planted-article questions); in the order of SentenceEvidence.Names. The ranker
    // leans most on phrase-level similarity to the asked focus (focus_cosine) and to the asked message alone
    // (asked_cosine); the gate, one sentence at a time, on a span of the asked kind (typed, typed_focus) and the
    // passage's rank. A span tied to the question (span_tied) is rare in the set, so its weights are small: it acts
    // through its own threshold and by making untied sentences context (OfflineAnswerComposer.Decide).
    public static readonly double[] RankWeights =
        [1.469, 1.469, 0.140, 2.746, 2.496, 1.190, -0.776, -0.000, 0.915, -0.000, -0.342, 0.544, 0.140, -0.221, 3.209, 4.576, 4.576, 1.076, 0.217];

    public static readonly double[] GateWeights =
        [0.399, 1.017, 0.705, 0.345, 0.945, 1.748, -0.362, 1.007, 1.257, 0.646, -0.465, 0.729, 0.861, 1.188, 1.024, 1.030, 0.748, -0.269, 0.232];
    public const double GateBias = -4.996;

    /// <summary>A chosen sentence answers when the gate gives it at least this probability.</summary>
    public const double AnswerThreshold = 0.55;

    /// <summary>…and one whose span of the asked kind is tied to the question, at this.</summary>
    public const double TiedAnswerThreshold = 0.40;

    /// <summary>Further sentences join the answer when their rank score is within this of the best one's.</summary>
    public const double RankWindow = 2.0;

    /// <summary>Without an answer, the stories still cover the topic (a partial reply) when their best sentence, the
    /// one before it and the title hold at least this share of the question's terms.</summary>
    public const double TopicThreshold = 0.20;

    public static double RankScore(SentenceEvidence evidence) => Linear(evidence.Features(), RankWeights, 0);

    /// <summary>The gate's probability that one chosen sentence answers, from its own evidence: a context sentence's
    /// features cannot cancel the answering one's, as they could when the chosen sentences' evidence was pooled.</summary>
    public static double GateProbability(IReadOnlyList<double> features) => Probability(features, GateWeights, GateBias);

    public static double Probability(IReadOnlyList<double> features, IReadOnlyList<double> weights, double bias) =>
        1 / (1 + Math.Exp(-Linear(features, weights, bias)));

    public static double Linear(IReadOnlyList<double> features, IReadOnlyList<double> weights, double bias)
    {
        var z = bias;
        for (var i = 0; i < features.Count; i++) z += weights[i] * features[i];
        return z;
    }
}
