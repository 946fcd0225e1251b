using Newsdesk.Beat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;

namespace Newsdesk.Tests.Beat;

/// <summary>The margin the classifier computes from the index's sentence projections, part by part, on a story of
/// three sentences whose vectors make each part easy to work out by hand.</summary>
public sealed class BeatMarginTests
{
    private const int Dimensions = 384;

    // Sentence vectors: only the first three components are set. Projections on the story direction (2, 0, 0, …):
    // 2, 0.5 and 0; the mean vector is (1/3 + 0.25/3, 1/3, 1/3).
    private static readonly float[][] Sentences = [Vector(1, 0, 0), Vector(0.25f, 1, 0), Vector(0, 0, 1)];

    [Fact]
    public void TheMarginIsTheMeanProjectionPlusTheBias()
    {
        Assert.Equal(2.5 / 3 - 1, Classifier(new BeatWeights("ArcticXs", Vector(2, 0, 0), -1, 0, 0, [])).Margin(Index(), Passages()), 5);
    }

    [Fact]
    public void TheStrongestSentenceAddsItsWeightedProjection()
    {
        var weights = new BeatWeights("ArcticXs", Vector(2, 0, 0), -1, 0, 0, [], MaxSentenceWeight: 0.5);
        Assert.Equal(2.5 / 3 - 1 + 0.5 * 2, Classifier(weights).Margin(Index(), Passages()), 5);
    }

    [Fact]
    public void TheCentroidGapIsTheMusicCentroidLessTheNearestOffBeatOne()
    {
        // Mean projections: music centroid (0, 1, 0) 1/3; off-beat (0, 0, 1) 1/3 and (1, 0, 0) 1.25/3, the nearer.
        var weights = new BeatWeights("ArcticXs", Vector(2, 0, 0), -1, 0, 0, [], CentroidGapWeight: 3,
            MusicCentroid: Vector(0, 1, 0), OffBeatCentroids: [Vector(0, 0, 1), Vector(1, 0, 0)]);
        Assert.Equal(2.5 / 3 - 1 + 3 * (1.0 / 3 - 1.25 / 3), Classifier(weights).Margin(Index(), Passages()), 5);
    }

    [Fact]
    public void WeightsWithoutTheNewPartsParseAsBefore()
    {
        var parsed = BeatWeightsFile.Parse("""{"models":[{"embeddingModel":"MiniLM","weights":[],"bias":0,"threshold":0,"headlineThreshold":0,"measured":[]}]}""").Models[0];
        Assert.Equal(0, parsed.MaxSentenceWeight);
        Assert.Equal(0, parsed.CentroidGapWeight);
        Assert.Null(parsed.OffBeatCentroids);
    }

    private static BeatClassifier Classifier(BeatWeights weights) => new(new BeatWeightsFile([weights]), "ArcticXs");

    private static StoredPassage[] Passages() => [new(1, 1, "music/1.txt", "A story", null, 0, "text", DateTimeOffset.UnixEpoch)];

    private static PassageIndex Index() =>
        new([(Passages()[0], Sentences.Select((_, s) => new SentenceSpan(s, 1)).ToArray(), Sentences.SelectMany(v => v).ToArray())], Dimensions);

    private static float[] Vector(float a, float b, float c)
    {
        var vector = new float[Dimensions];
        (vector[0], vector[1], vector[2]) = (a, b, c);
        return vector;
    }
}
