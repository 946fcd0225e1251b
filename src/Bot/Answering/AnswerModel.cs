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
    // SentenceEvidence.Names. The gate leans on the asked kind beside the focus (typed_focus) and on similarity; a
    // focus term without a span of the asked kind counts against (focus_share): on-topic is not an answer.
    public static readonly double[] RankWeights =
        [2.788, 2.788, 0.287, 2.437, 2.495, 2.145, -0.460, -0.000, 0.923, -0.000, -0.336, 0.689, 0.287, 0.499];

    public static readonly double[] GateWeights =
        [0.041, 2.544, -0.569, 0.854, 0.022, -0.004, 0.478, 0.683, 0.365, 0.579, -2.524, 0.039, -0.566, 2.884];
    public const double GateBias = -3.033;

    /// <summary>The chosen sentences answer when the gate gives them at least this probability.</summary>
    public const double AnswerThreshold = 0.45;

    /// <summary>Further sentences join the answer when their rank score is within this of the best one's.</summary>
    public const double RankWindow = 2.0;

    /// <summary>Without an answer, the stories still cover the topic (a partial reply) when their best sentence, the
    /// one before it and the title hold at least this share of the question's terms.</summary>
    public const double TopicThreshold = 0.20;

    public static double RankScore(SentenceEvidence evidence) => Linear(evidence.Features(), RankWeights, 0);

    /// <summary>The gate's probability that the chosen sentences answer, from their pooled evidence.</summary>
    public static double GateProbability(IReadOnlyList<double> pooled) => Probability(pooled, GateWeights, GateBias);

    /// <summary>The chosen sentences' evidence pooled feature by feature (the strongest of each): the reply answers
    /// when one of them holds the asked kind near the question's terms, whichever it is.</summary>
    public static double[] Pool(IEnumerable<SentenceEvidence> chosen)
    {
        var pooled = Enumerable.Repeat(double.MinValue, SentenceEvidence.Names.Count).ToArray();
        foreach (var features in chosen.Select(e => e.Features()))
            for (var i = 0; i < pooled.Length; i++) pooled[i] = Math.Max(pooled[i], features[i]);
        return pooled;
    }

    public static double Probability(IReadOnlyList<double> features, IReadOnlyList<double> weights, double bias) =>
        1 / (1 + Math.Exp(-Linear(features, weights, bias)));

    public static double Linear(IReadOnlyList<double> features, IReadOnlyList<double> weights, double bias)
    {
        var z = bias;
        for (var i = 0; i < features.Count; i++) z += weights[i] * features[i];
        return z;
    }
}
