using Newsdesk.Beat;
using Newsdesk.Tests.Beat;

namespace Newsdesk.Benchmarks;

/// <summary>The beat classifier's second stage: the linear margin over the mean vectors, refitted beside two readings
/// a mean cannot give. The strongest sentence (the largest projection of any one sentence on the story direction): a
/// story that dwells on music has many strong sentences, one that mentions a band in passing one. The nearest off-beat
/// topic: each other section's off-beat stories (film, stage and TV; gadgets; companies; sport; politics) have a
/// centroid, and a story whose mean vector sits nearer one of them than the music stories' centroid reads like that
/// topic. Both are what the product can compute from sentence projections alone. The off-beat stories can also be
/// grouped by their own vectors instead of by section (<see cref="ClusterCounts"/>): a section's centroid is dominated by
/// its largest topic (film in entertainment), while the stories nearest the beat (stage musicals, radio in general, music
/// television) are small topics a centroid of their own can stand for.</summary>
public static class BeatStacking
{
    public const int None = 0, MaxSentence = 1, Centroids = 2;

    /// <summary>How the off-beat stories are grouped into centroids: 0, one per section; otherwise that many clusters of
    /// their mean vectors (<see cref="OffBeatClusters"/>).</summary>
    public static readonly int[] ClusterCounts = [0, 12, 40];

    /// <summary>What a stacked story carries into the second stage: its first-stage margin, its strongest sentence and its
    /// centroid gap under each grouping of <see cref="ClusterCounts"/> (in that order).</summary>
    public sealed record StoryReading(double Margin, double MaxProjection, double[] CentroidGaps);

    /// <summary>The centroids a fit reads, from <paramref name="part"/>'s labels: the music stories', then the stories off
    /// the beat, one per section or (<paramref name="clusters"/> above 0) one per cluster (unit length, so each reads the
    /// same scale).</summary>
    public static (float[] Music, float[][] OffBeat) CentroidsOf(IEnumerable<BeatLabel> part, IReadOnlyDictionary<string, List<float[]>> sentences, int clusters = 0)
    {
        var labels = part.ToList();
        var music = Unit(Mean(labels.Where(l => l.IsMusic).Select(l => Mean(sentences[l.Source]))));
        var offBeat = clusters > 0
            ? OffBeatClusters.Centroids(labels.Where(l => !l.IsMusic).OrderBy(l => l.Source, StringComparer.Ordinal).Select(l => Unit(Mean(sentences[l.Source]))).ToList(), clusters)
            : labels.Where(l => !l.IsMusic).GroupBy(l => l.Source.Split('/')[0], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Unit(Mean(g.Select(l => Mean(sentences[l.Source]))))).ToArray();
        return (music, offBeat);
    }

    /// <summary>A story's readings under one fit: its strongest sentence's projection on the story direction (the first
    /// <paramref name="bodyWeights"/>), and how much nearer the music centroid its mean vector is than the nearest off-beat
    /// one, for each grouping of the off-beat stories (<paramref name="centroids"/>, in the order of <see cref="ClusterCounts"/>).</summary>
    public static StoryReading Read(double margin, List<float[]> sentences, float[] bodyWeights, IReadOnlyList<(float[] Music, float[][] OffBeat)> centroids)
    {
        var max = sentences.Max(s => BeatDesignSearch.Dot(s, bodyWeights));
        var mean = Mean(sentences);
        var gaps = centroids.Select(c => BeatDesignSearch.Dot(mean, c.Music) - c.OffBeat.Max(o => BeatDesignSearch.Dot(mean, o))).ToArray();
        return new StoryReading(margin, max, gaps);
    }

    /// <summary>The inputs of the second stage for a stacking choice.</summary>
    public static float[] Inputs(StoryReading reading, int stack, int clusters) =>
        [(float)reading.Margin, .. (stack & MaxSentence) != 0 ? new[] { (float)reading.MaxProjection } : Array.Empty<float>(),
            .. (stack & Centroids) != 0 ? new[] { (float)reading.CentroidGaps[Array.IndexOf(ClusterCounts, clusters)] } : Array.Empty<float>()];

    /// <summary>The second stage on held-out readings: margin' = a·margin + b·strongest + c·gap + d.</summary>
    public static (float[] Weights, double Bias) Fit(IReadOnlyList<(StoryReading Reading, bool IsMusic)> rows, int stack, int clusters) =>
        LogisticRegression.FitByNewton(rows.Select(r => Inputs(r.Reading, stack, clusters)).ToList(), rows.Select(r => r.IsMusic).ToList(), 1e-3);

    public static double Apply(StoryReading reading, int stack, int clusters, (float[] Weights, double Bias) second) =>
        BeatDesignSearch.Dot(Inputs(reading, stack, clusters), second.Weights) + second.Bias;

    /// <summary>The weights the product reads for a first-stage fit and, when stacked, its second stage fitted on the
    /// held-out <paramref name="readings"/>: margin' = a·margin + b·strongest + c·gap + d is shipped as the story
    /// directions and bias scaled by a, the strongest sentence's weight b/a (on the scaled direction) and the gap's c.</summary>
    public static BeatWeights Ship(string model, (float[] Weights, double Bias) beat, int dimensions, BeatDesign design, IReadOnlyList<BeatLabel> development,
        IReadOnlyDictionary<string, List<float[]>> sentences, IReadOnlyDictionary<string, StoryReading>? readings)
    {
        var (scale, bias, maxWeight, gapWeight) = (1.0, beat.Bias, 0.0, 0.0);
        (float[] Music, float[][] OffBeat)? centroids = null;
        if (readings is not null)
        {
            var second = Fit(development.Select(l => (readings[l.Source], l.IsMusic)).ToList(), design.Stack, design.OffBeatClusters);
            scale = second.Weights[0];
            if (scale <= 0) throw new InvalidOperationException($"The second stage turned the margin around ({scale}); this design cannot ship.");
            bias = scale * beat.Bias + second.Bias;
            var next = 1;
            if ((design.Stack & MaxSentence) != 0) maxWeight = second.Weights[next++] / scale;
            if ((design.Stack & Centroids) != 0) { gapWeight = second.Weights[next]; centroids = CentroidsOf(development, sentences, design.OffBeatClusters); }
            Console.WriteLine(FormattableString.Invariant($"second stage: margin x {scale:F4}, strongest sentence x {maxWeight:F4} (on the scaled direction), centroid gap x {gapWeight:F4}, bias {second.Bias:F4}"));
        }
        var scaled = beat.Weights.Select(w => (float)(w * scale)).ToArray();
        return new BeatWeights(model, Round(scaled[..dimensions]), Math.Round(bias, 5), 0, 0, [],
            design.LedeSentences == 0 ? null : Round(scaled[dimensions..]), design.LedeSentences,
            MaxSentenceWeight: Math.Round(maxWeight, 5), CentroidGapWeight: Math.Round(gapWeight, 5),
            MusicCentroid: centroids is { } c ? Round(c.Music) : null, OffBeatCentroids: centroids?.OffBeat.Select(Round).ToArray());
    }

    /// <summary>A story's margin as the product computes it from shipped weights (<c>BeatClassifier.Margin</c>).</summary>
    public static double MarginOf(BeatWeights weights, List<float[]> sentences)
    {
        var features = BeatDesignSearch.Features(sentences, weights.LedeSentences);
        var margin = BeatDesignSearch.Dot(features, [.. weights.Weights, .. weights.LedeWeights ?? []]) + weights.Bias;
        if (weights.MaxSentenceWeight != 0) margin += weights.MaxSentenceWeight * sentences.Max(s => BeatDesignSearch.Dot(s, weights.Weights));
        if (weights.CentroidGapWeight != 0 && weights.MusicCentroid is { } music && weights.OffBeatCentroids is { } offBeat)
        {
            var mean = Mean(sentences);
            margin += weights.CentroidGapWeight * (BeatDesignSearch.Dot(mean, music) - offBeat.Max(c => BeatDesignSearch.Dot(mean, c)));
        }
        return margin;
    }

    public static float[] Round(float[] weights) => weights.Select(w => (float)Math.Round(w, 5)).ToArray();

    public static string Describe(int stack, int clusters = 0) => stack switch
    {
        MaxSentence => "strongest sentence",
        Centroids => "off-beat centroids" + Clustered(clusters),
        MaxSentence | Centroids => "strongest sentence + off-beat centroids" + Clustered(clusters),
        _ => "",
    };

    public static int Parse(string described) =>
        (described.Contains("strongest sentence", StringComparison.Ordinal) ? MaxSentence : 0)
        | (described.Contains("off-beat centroids", StringComparison.Ordinal) ? Centroids : 0);

    /// <summary>The cluster count a description names (0: one centroid per section).</summary>
    public static int ParseClusters(string described) =>
        System.Text.RegularExpressions.Regex.Match(described, @"of (\d+) clusters") is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static string Clustered(int clusters) => clusters > 0 ? FormattableString.Invariant($" of {clusters} clusters") : "";

    private static float[] Mean(IEnumerable<float[]> rows)
    {
        double[]? sum = null;
        var count = 0;
        foreach (var row in rows)
        {
            sum ??= new double[row.Length];
            for (var i = 0; i < row.Length; i++) sum[i] += row[i];
            count++;
        }
        return sum!.Select(v => (float)(v / count)).ToArray();
    }

    private static float[] Unit(float[] vector)
    {
        var norm = Math.Sqrt(BeatDesignSearch.Dot(vector, vector));
        return vector.Select(v => (float)(v / norm)).ToArray();
    }
}
