namespace Newsdesk.Answering;

/// <summary>Two small linear models over <see cref="SentenceEvidence"/>. The ranker scores how likely each retrieved
/// sentence is, among the others, to hold the answer (a conditional logit: a softmax over one question's sentences).
/// The gate says whether the top-ranked sentences really answer (logistic regression): if not, the reply is partial
/// or a decline. Weights and thresholds are fitted, never hand-set: <c>dotnet run -c Release --project
/// benchmarks/Bot.Benchmarks -- train</c> fits them on the tuning part of the evaluation set and prints this table
/// (docs/answering-model.md has the run and its train/test figures). Training never runs at start-up.</summary>
public static class AnswerModel
{
    // Fitted by the train verb on 2026-11-30 over the tuning part (seed+BBC and seed alone); in the order of
    // SentenceEvidence.Names. The ranker leans most on phrase-level similarity to the asked focus (focus_cosine) and
    // to the asked message alone (asked_cosine); the gate, one sentence at a time, on a span of the asked kind
    // (typed, typed_focus) and the passage's rank.
    public static readonly double[] RankWeights =
        [1.410, 1.410, 0.104, 2.637, 2.542, 1.959, -0.641, -0.000, 0.841, -0.000, -0.399, 0.584, 0.104, 0.014, 3.183, 4.763, 4.763];

    public static readonly double[] GateWeights =
        [0.415, 0.927, 0.817, 0.303, 0.984, 1.585, -0.365, 1.099, 1.366, 0.770, -0.407, 0.828, 0.745, 1.182, 0.964, 1.035, 0.690];
    public const double GateBias = -5.164;

    /// <summary>A chosen sentence answers when the gate gives it at least this probability.</summary>
    public const double AnswerThreshold = 0.40;

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
