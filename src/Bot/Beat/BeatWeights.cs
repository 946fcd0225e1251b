namespace Newsdesk.Beat;

/// <summary>A linear classifier over one embedding model's sentence vectors: a story's margin is the mean of all its
/// sentences' projections on <see cref="Weights"/>, plus the mean of its first <see cref="LedeSentences"/> sentences'
/// projections on <see cref="LedeWeights"/>, plus <see cref="Bias"/> (logistic regression on the mean sentence vector
/// and the lede's mean vector side by side: the lede says what the story is about, the body what it dwells on, and a
/// film or stage story that mentions a band only in passing reads differently in the two). It is on the beat at or
/// above <see cref="Threshold"/> (chosen for recall: it decides what is counted and listed), and a digest headline at or
/// above <see cref="HeadlineThreshold"/> (chosen for precision, on the lead score: see <paramref name="HeadlineCheckWeights"/>). Fitted by the benchmark runner's <c>beat</c> verb from
/// hand labels; never at start-up.</summary>
/// <param name="EmbeddingModel">The sentence model whose vectors the weights read (<c>Corpus:EmbeddingModel</c>).</param>
/// <param name="Measured">How the fit did on its labels, per part (train, tune, test), for a reviewer to read.</param>
/// <param name="LedeWeights">The lede's direction; empty for a fit on the mean sentence vector alone.</param>
/// <param name="LedeSentences">How many opening sentences make the lede.</param>
/// <param name="HeadlineCheckWeights">A second look for the stories that may lead: a direction over the story's
/// headline and lede embedded together as one query (<see cref="BeatClassifier.HeadlineText"/>). A story's lead score
/// is a weighted mean of its margin and this check's margin (<paramref name="HeadlineCheckShare"/>); empty when leads are judged by the margin alone.</param>
/// <param name="HeadlineCheckBias">The check's bias.</param>
/// <param name="HeadlineCheckShare">How much the check's margin counts in the lead score (the margin counts the rest):
/// chosen with the thresholds on held-out folds, since the two disagree most on the borderline stories.</param>
/// <param name="CountThreshold">The lead score at or above which a story on the beat is counted in a digest's
/// "…and N more" (<see cref="BeatCuts"/>); none counts every story on the beat.</param>
/// <param name="HeadlineMarginThreshold">The margin a story shown in a digest must also reach; none: the beat threshold.</param>
/// <param name="MaxSentenceWeight">How much the story's strongest sentence (its largest projection on
/// <see cref="Weights"/>) adds to the margin: a story that dwells on music has many strong sentences, one that mentions
/// a band in passing one. 0: not read.</param>
/// <param name="CentroidGapWeight">How much the centroid gap adds to the margin: the mean vector's projection on
/// <paramref name="MusicCentroid"/> less its largest projection on any of <paramref name="OffBeatCentroids"/> (the
/// off-beat stories of one section each: film, stage and TV; gadgets; companies; sport; politics). A story nearer one of
/// those topics than the music stories reads like that topic. 0: not read.</param>
/// <param name="MusicCentroid">The unit mean vector of the music stories the fit saw.</param>
/// <param name="OffBeatCentroids">The unit mean vectors of the off-beat stories the fit saw, one per section.</param>
public sealed record BeatWeights(string EmbeddingModel, float[] Weights, double Bias, double Threshold, double HeadlineThreshold,
    IReadOnlyList<string> Measured, float[]? LedeWeights = null, int LedeSentences = 0,
    float[]? HeadlineCheckWeights = null, double HeadlineCheckBias = 0, double HeadlineCheckShare = 0.5,
    double? CountThreshold = null, double? HeadlineMarginThreshold = null,
    double MaxSentenceWeight = 0, double CentroidGapWeight = 0, float[]? MusicCentroid = null, float[][]? OffBeatCentroids = null);
