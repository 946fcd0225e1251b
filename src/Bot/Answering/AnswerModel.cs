namespace Newsdesk.Answering;

/// <summary>Two small linear models over <see cref="SentenceEvidence"/>. The ranker scores how likely each retrieved
/// sentence is, among the others, to hold the answer (a conditional logit: a softmax over one question's sentences).
/// The gate says whether the top-ranked sentences really answer (logistic regression): if not, the reply is partial
/// or a decline. Weights and thresholds are fitted, never hand-set: <c>dotnet run -c Release --project
/// benchmarks/Bot.Benchmarks -- train</c> fits them on the tuning part of the evaluation set and prints this table
/// (docs/answering-model.md has the run and its train/test figures). Training never runs at start-up.</summary>
public static class AnswerModel
{
    // Fitted by the train verb (--hand-written-only) at 10:25 UTC on 2026-11-30 over the tuning part (seed+BBC, the
    // seed alone, and the Hostile tests' planted-article questions); in the order of SentenceEvidence.Names. The ranker
    // leans most on phrase-level similarity to the asked focus (focus_cosine), to the asked message alone
    // (asked_cosine) and to the words around a span of the asked kind (span_focus_similarity); the gate, one sentence
    // at a time, on a span of the asked kind (typed, typed_focus) and the passage's rank. A span tied to the question
    // (span_tied, or span_focus_similarity at SpanTieThreshold) passes at its own threshold and makes untied sentences
    // context (AnswerDecision.Decide).
    public static readonly double[] RankWeights =
        [1.484, 1.484, 0.175, 2.720, 2.504, 1.080, -0.829, -0.000, 0.918, -0.000, -0.300, 0.533, 0.175, -0.314, 3.170, 4.204, 4.204, -0.450, 0.149, 3.263];

    public static readonly double[] GateWeights =
        [0.360, 0.995, 0.615, 0.447, 0.897, 1.702, -0.307, 1.015, 1.164, 0.677, -0.422, 0.724, 0.940, 1.160, 1.011, 1.000, 0.734, -0.446, 0.195, 0.372];
    public const double GateBias = -4.913;

    /// <summary>A chosen sentence answers when the gate gives it at least this probability. Refitted on 2026-12-01
    /// (stop 18) by the train verb with the shipped weights, once its simulation replayed the pipeline's own decision
    /// (AnswerDecision): 0.55 before (docs/answering-model.md).</summary>
    public const double AnswerThreshold = 0.45;

    /// <summary>Where retrieval found the topic uncertain (RetrievalResult.MayAnswer), a chosen sentence answers at
    /// this, tied or not, and nothing is marked partial. Chosen by the decide verb on the tuning part.</summary>
    public const double UncertainTopicAnswerThreshold = 0.60;

    /// <summary>…and one whose span of the asked kind is tied to the question, at this (0.50 before stop 18; the
    /// refit puts it at the answer threshold).</summary>
    public const double TiedAnswerThreshold = 0.45;

    /// <summary>A span counts as tied to the question when the words around it are at least this similar to the focus:
    /// where the one-feature fit on the self-supervised tie set's train part (the train-tie verb, 3,638 pairs) gives
    /// a tied relation probability 0.5 (0.597). The train verb fits the other thresholds with it.</summary>
    public const double SpanTieThreshold = 0.60;

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
