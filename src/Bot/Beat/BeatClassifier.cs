using Microsoft.Extensions.Options;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;

namespace Newsdesk.Beat;

/// <summary>Decides whether a story is music-industry news (labels, charts, sales and downloads, piracy and the
/// courts, artists' business, awards, touring, radio and streaming) from its sentence vectors, with the fitted weights
/// of the configured embedding model. A story's margin is the average of its sentences' dot products with one direction,
/// plus the average of its lede sentences' dot products with another, and, when the fit reads them, its strongest
/// sentence on the first direction and its gap between the music centroid and the nearest off-beat centroid: the
/// index's own per-sentence scoring computes every part, with no second copy of any vector.</summary>
public sealed class BeatClassifier
{
    private readonly BeatWeights weights;

    public BeatClassifier(IOptions<CorpusOptions> corpus) : this(BeatWeightsFile.LoadPackaged(), corpus.Value.EmbeddingModel)
    {
    }

    public BeatClassifier(BeatWeightsFile file, string embeddingModel)
    {
        weights = file.Models.FirstOrDefault(m => m.EmbeddingModel == embeddingModel)
            ?? throw new InvalidOperationException($"No beat classifier is fitted for the embedding model '{embeddingModel}'. " +
                "Fit one with: dotnet run -c Release --project benchmarks/Bot.Benchmarks -- beat --Corpus:EmbeddingModel " + embeddingModel);
    }

    public float[] Direction => weights.Weights;

    public double Threshold => weights.Threshold;

    public double HeadlineThreshold => weights.HeadlineThreshold;

    /// <summary>The fitted cuts: on the beat, counted in a digest, shown in a digest.</summary>
    public BeatCuts Cuts => new(weights.Threshold, weights.CountThreshold ?? double.NegativeInfinity, weights.HeadlineThreshold,
        weights.HeadlineMarginThreshold ?? double.NegativeInfinity);

    /// <summary>The story's margin: above <see cref="Threshold"/> is on the beat; the further above, the more central.</summary>
    public double Margin(PassageIndex snapshot, IEnumerable<StoredPassage> passages)
    {
        double sum = 0, strongest = double.NegativeInfinity;
        var count = 0;
        foreach (var passage in passages)
        foreach (var (_, projection) in snapshot.Sentences(passage.Id, weights.Weights))
        {
            sum += projection;
            strongest = Math.Max(strongest, projection);
            count++;
        }
        if (count == 0) return double.NegativeInfinity;
        var margin = sum / count + LedeTerm(snapshot, passages) + weights.Bias;
        if (weights.MaxSentenceWeight != 0) margin += weights.MaxSentenceWeight * strongest;
        return margin + CentroidTerm(snapshot, passages);
    }

    /// <summary>The centroid gap's share of the margin: the story's mean projection on the music centroid less its
    /// largest mean projection on an off-beat centroid (the mean vector's dot products, one pass per centroid).</summary>
    private double CentroidTerm(PassageIndex snapshot, IEnumerable<StoredPassage> passages)
    {
        if (weights.CentroidGapWeight == 0 || weights.MusicCentroid is not { } music || weights.OffBeatCentroids is not { Length: > 0 } offBeat) return 0;
        double MeanProjection(float[] direction)
        {
            double sum = 0;
            var count = 0;
            foreach (var passage in passages)
            foreach (var (_, projection) in snapshot.Sentences(passage.Id, direction))
            {
                sum += projection;
                count++;
            }
            return sum / count;
        }
        return weights.CentroidGapWeight * (MeanProjection(music) - offBeat.Max(MeanProjection));
    }

    /// <summary>The mean projection of the story's first sentences (in passage order) on the lede direction.</summary>
    private double LedeTerm(PassageIndex snapshot, IEnumerable<StoredPassage> passages)
    {
        if (weights.LedeWeights is not { Length: > 0 } lede || weights.LedeSentences <= 0) return 0;
        double sum = 0;
        var count = 0;
        foreach (var passage in passages.OrderBy(p => p.Ordinal))
        {
            foreach (var (_, projection) in snapshot.Sentences(passage.Id, lede))
            {
                sum += projection;
                if (++count == weights.LedeSentences) return sum / count;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    public bool IsOnBeat(double margin) => margin >= weights.Threshold;

    /// <summary>Whether a story may lead needs a second look: its headline and lede embedded as one query
    /// (<see cref="HeadlineText"/>), when this fit has a check for it.</summary>
    public bool HasHeadlineCheck => weights.HeadlineCheckWeights is { Length: > 0 };

    /// <summary>What the headline check embeds: the headline, then the start of the first passage.</summary>
    public static string HeadlineText(string title, string firstPassage) =>
        $"{title}. {(firstPassage.Length > LedeCharacters ? firstPassage[..LedeCharacters] : firstPassage)}";

    private const int LedeCharacters = 300;

    /// <summary>How sure the classifier is that a story may lead: a weighted mean of its margin and the headline check's
    /// margin over <paramref name="headline"/> (the embedded <see cref="HeadlineText"/>); the margin alone without a check.</summary>
    public double LeadScore(double margin, ReadOnlySpan<float> headline)
    {
        if (weights.HeadlineCheckWeights is not { Length: > 0 } check) return margin;
        double dot = 0;
        for (var i = 0; i < check.Length; i++) dot += check[i] * headline[i];
        return Combine(margin, dot + weights.HeadlineCheckBias, weights.HeadlineCheckShare);
    }

    /// <summary>The lead score from a story's margin and its headline check's margin, the check counting
    /// <paramref name="checkShare"/> of it (the fitting computes the same number).</summary>
    public static double Combine(double margin, double checkMargin, double checkShare) =>
        (1 - checkShare) * margin + checkShare * checkMargin;

    /// <summary>Sure enough to lead a digest: on the beat, and a lead score at the fitted precision threshold.</summary>
    public bool IsHeadline(double margin, double leadScore) => Cuts.IsShown(margin, leadScore);

    /// <summary>How central a story is to the beat, 0 to 1: the classifier's probability.</summary>
    public static double Centrality(double margin) => 1 / (1 + Math.Exp(-margin));
}
