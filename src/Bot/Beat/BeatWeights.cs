namespace Newsdesk.Beat;

/// <summary>A linear classifier over one embedding model's sentence vectors: a story's margin is the mean of its
/// sentences' projections on <see cref="Weights"/>, plus <see cref="Bias"/> (logistic regression on the mean sentence
/// vector); it is on the beat at or above <see cref="Threshold"/> (chosen for recall: it decides what is counted and
/// listed), and a digest headline at or above <see cref="HeadlineThreshold"/> (chosen for precision). Fitted by the benchmark runner's <c>beat</c> verb
/// from hand labels; never at start-up.</summary>
/// <param name="EmbeddingModel">The sentence model whose vectors the weights read (<c>Corpus:EmbeddingModel</c>).</param>
/// <param name="Measured">How the fit did on its labels, per part (train, tune, test), for a reviewer to read.</param>
public sealed record BeatWeights(string EmbeddingModel, float[] Weights, double Bias, double Threshold, double HeadlineThreshold,
    IReadOnlyList<string> Measured);
