using Microsoft.Extensions.Options;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;

namespace Newsdesk.Beat;

/// <summary>Decides whether a story is music-industry news (labels, charts, sales and downloads, piracy and the
/// courts, artists' business, awards, touring, radio and streaming) from its sentence vectors, with the fitted weights
/// of the configured embedding model. Linear, so a story's margin is the average of its sentences' dot products with
/// one direction: the index's own per-sentence scoring computes it, with no second copy of any vector.</summary>
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

    public double HeadlineThreshold => Math.Max(weights.Threshold, weights.HeadlineThreshold);

    /// <summary>The story's margin: above <see cref="Threshold"/> is on the beat; the further above, the more central.</summary>
    public double Margin(PassageIndex snapshot, IEnumerable<StoredPassage> passages)
    {
        double sum = 0;
        var count = 0;
        foreach (var passage in passages)
        foreach (var (_, projection) in snapshot.Sentences(passage.Id, weights.Weights))
        {
            sum += projection;
            count++;
        }
        return count == 0 ? double.NegativeInfinity : sum / count + weights.Bias;
    }

    public bool IsOnBeat(double margin) => margin >= weights.Threshold;

    /// <summary>Sure enough to lead a digest: the fitted precision threshold (never below the on-beat one).</summary>
    public bool IsHeadline(double margin) => margin >= HeadlineThreshold;

    /// <summary>How central a story is to the beat, 0 to 1: the classifier's probability.</summary>
    public static double Centrality(double margin) => 1 / (1 + Math.Exp(-margin));
}
