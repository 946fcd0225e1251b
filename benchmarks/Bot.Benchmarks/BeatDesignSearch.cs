using System.Collections.Concurrent;
using System.Globalization;
using Newsdesk.Beat;
using Newsdesk.Tests.Beat;

namespace Newsdesk.Benchmarks;

/// <summary>Chooses the beat classifier's design on train+tune alone. Train and tune together are dealt into folds (a
/// title stays in one fold, so copies never straddle); every story is scored by fits that did not see it. Each design
/// (lede length, ridges, the check's share of the lead score, the headline precision floor) is then judged honestly:
/// each fold's stories are decided with thresholds chosen on the other folds' held-out scores, so a strict floor that
/// only fits the noise of the stories it was chosen on does not look better than it is. The test part is never read.</summary>
public sealed class BeatDesignSearch(IReadOnlyList<BeatLabel> development, IReadOnlyDictionary<string, List<float[]>> sentences,
    IReadOnlyDictionary<string, float[]> probes)
{
    public const int Folds = 5;
    // The beat threshold keeps this recall on held-out margins (the goal is 90% of the day's music stories).
    public const double RecallFloor = 0.92;
    // A design must still lead with most music stories: at least this share of them among the digests' chosen stories,
    // about what the fit before this search led with on the same folds (81%). At 70% the search chose lead thresholds so
    // strict that a day's clearly musical story (a chart's download rules) was only counted, not shown.
    public const double LeadRecallFloor = 0.80;

    public static readonly int[] LedeLengths = [0, 2];
    public static readonly double[] Ridges = [0.03, 0.1, 0.3, 1];
    public static readonly double[] CheckShares = [0.25, 0.5, 0.75];
    public static readonly double[] PrecisionFloors = [0.95, 0.97, 0.99, 1.0];
    private static readonly double[] RankingShares = [0.5, 0.6, 0.7];
    public static readonly int[] Stacks = [BeatStacking.None, BeatStacking.MaxSentence, BeatStacking.Centroids, BeatStacking.MaxSentence | BeatStacking.Centroids];

    // Each fold's centroids depend only on the labels the fold fit sees, not on the design: grouped once per fold.
    private readonly ConcurrentDictionary<int, Lazy<(float[] Music, float[][] OffBeat)[]>> foldCentroids = new();

    public sealed record Judged(BeatDesign Design, BeatScore HeldOut, IReadOnlyList<(string Source, bool IsMusic, double Margin, double Lead)> Scores);

    public static int FoldOf(BeatLabel label)
    {
        var hash = 2166136261u;
        foreach (var c in label.Title.Trim().ToLowerInvariant()) hash = (hash ^ c) * 16777619u;
        return (int)(hash % Folds);
    }

    /// <summary>What the product's classifier reads: the mean of all sentence vectors, then (with a lede) the mean of the
    /// first sentences' vectors. A margin over these is the same number the classifier computes from projections.</summary>
    public static float[] Features(List<float[]> sentences, int ledeSentences) =>
        ledeSentences == 0 ? Mean(sentences) : [.. Mean(sentences), .. Mean(sentences.Take(ledeSentences).ToList())];

    public static (float[] Weights, double Bias) Fit(IReadOnlyList<BeatLabel> part, IReadOnlyDictionary<string, float[]> x, double ridge) =>
        LogisticRegression.FitByNewton(part.Select(l => x[l.Source]).ToList(), part.Select(l => l.IsMusic).ToList(), ridge);

    public static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>Every design in the grid, judged on the folds, best first by <see cref="Rank"/>.</summary>
    public IReadOnlyList<Judged> Judge(IEnumerable<BeatDesign> designs)
    {
        var grid = designs.ToList();
        var readings = new ConcurrentDictionary<(int Lede, double Ridge), Dictionary<string, BeatStacking.StoryReading>>();
        var checks = new ConcurrentDictionary<double, Dictionary<string, double>>();
        Parallel.ForEach(grid.Select(d => (d.LedeSentences, d.Ridge)).Distinct(), key => readings[key] = HeldOutReadings(key.LedeSentences, key.Ridge));
        Parallel.ForEach(grid.Where(d => d.HasHeadlineCheck).Select(d => d.CheckRidge).Distinct(), ridge => checks[ridge] = HeldOut(probes, ridge));
        return grid.Select(design =>
        {
            var margin = Stacked(readings[(design.LedeSentences, design.Ridge)], design.Stack, design.OffBeatClusters);
            var scores = development.Select(l => (l.Source, l.IsMusic, margin[l.Source],
                design.HasHeadlineCheck ? BeatClassifier.Combine(margin[l.Source], checks[design.CheckRidge][l.Source], design.CheckShare) : margin[l.Source])).ToList();
            return new Judged(design, CrossThresholded(design, scores), scores);
        }).OrderByDescending(Rank).ToList();
    }

    /// <summary>Designs that keep the recall goal and lead with enough music stories come first; among them, the most
    /// precise leads to the point, then the most precise beat (what "…and N more" counts and <c>/sources</c> lists),
    /// then the most music stories led with. Lead precision is compared to the point because the folds' leads hold about
    /// 90 stories: one story is a point, and a design that leads with one more off-beat story and puts ten more on the
    /// beat is not better. (Ranked to the hundredth of a point, the search once chose a second stage that led with 92
    /// of 94 against 88 of 90 and let 14 more stories off the beat onto it.)</summary>
    public static (bool, double, double, int) Rank(Judged judged) =>
        (judged.HeldOut.Recall >= 0.90 && judged.HeldOut.ChosenMusic >= LeadRecallFloor * judged.HeldOut.Music,
            Math.Round(judged.HeldOut.ChosenPrecision, 2), Math.Round(judged.HeldOut.Precision, 2), judged.HeldOut.ChosenMusic);

    /// <summary>A threshold-free reading of the top of the lead ranking, where a digest's shown stories come from: how
    /// many stories off the beat rank at or above the music story at 50%, 60% and 70% of the music stories (held-out
    /// lead scores, stories on the beat by held-out margin at the recall floor).</summary>
    public static string OffBeatAboveMusic(IReadOnlyList<(string Source, bool IsMusic, double Margin, double Lead)> scores)
    {
        var threshold = BeatThresholds.ForRecall(scores, RecallFloor);
        var onBeat = scores.Where(s => s.Margin >= threshold).OrderByDescending(s => s.Lead).ToList();
        var music = scores.Count(s => s.IsMusic);
        string Above(double share)
        {
            var needed = (int)Math.Ceiling(share * music);
            int seen = 0, other = 0;
            foreach (var s in onBeat)
            {
                if (s.IsMusic && ++seen == needed) break;
                if (!s.IsMusic) other++;
            }
            return string.Create(CultureInfo.InvariantCulture, $"{share:P0}: {other}");
        }
        return "off the beat above the music story at " + string.Join(", ", RankingShares.Select(Above));
    }

    /// <summary>Both thresholds for a design, chosen on held-out scores.</summary>
    public static (double Threshold, double Headline) Thresholds(BeatDesign design, IReadOnlyList<(string Source, bool IsMusic, double Margin, double Lead)> scores)
    {
        var threshold = BeatThresholds.ForRecall(scores, RecallFloor);
        return (threshold, BeatThresholds.ForPrecision(scores, threshold, design.HeadlinePrecisionFloor));
    }

    /// <summary>Each fold decided with the thresholds chosen on the others (scores shifted so that both thresholds are 0).</summary>
    private BeatScore CrossThresholded(BeatDesign design, List<(string Source, bool IsMusic, double Margin, double Lead)> scores)
    {
        var foldOf = development.ToDictionary(l => l.Source, FoldOf, StringComparer.Ordinal);
        var shifted = new List<(string Source, bool IsMusic, double Margin, double Lead)>();
        for (var fold = 0; fold < Folds; fold++)
        {
            var (threshold, headline) = Thresholds(design, scores.Where(s => foldOf[s.Source] != fold).ToList());
            shifted.AddRange(scores.Where(s => foldOf[s.Source] == fold).Select(s => (s.Source, s.IsMusic, s.Margin - threshold, s.Lead - headline)));
        }
        return BeatScore.Of(shifted, 0, 0);
    }

    /// <summary>Each story's readings under the fold fit that did not see it: its margin, its strongest sentence on that
    /// fit's story direction, and its centroid gap with the centroids of the other folds.</summary>
    private Dictionary<string, BeatStacking.StoryReading> HeldOutReadings(int ledeSentences, double ridge)
    {
        var x = Vectors(ledeSentences);
        var held = new ConcurrentDictionary<string, BeatStacking.StoryReading>(StringComparer.Ordinal);
        Parallel.For(0, Folds, fold =>
        {
            var fitted = development.Where(l => FoldOf(l) != fold).ToList();
            var (weights, bias) = Fit(fitted, x, ridge);
            var body = weights[..sentences[development[0].Source][0].Length];
            var centroids = CentroidsOfFold(fold);
            foreach (var label in development.Where(l => FoldOf(l) == fold))
                held[label.Source] = BeatStacking.Read(Dot(x[label.Source], weights) + bias, sentences[label.Source], body, centroids);
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  held-out fits done: {x.Values.First().Length} features, ridge {ridge}"));
        return new Dictionary<string, BeatStacking.StoryReading>(held, StringComparer.Ordinal);
    }

    /// <summary>The centroids the fit without <paramref name="fold"/> reads, for each grouping of <see cref="BeatStacking.ClusterCounts"/>.</summary>
    private (float[] Music, float[][] OffBeat)[] CentroidsOfFold(int fold) => foldCentroids.GetOrAdd(fold, f => new(() =>
    {
        var fitted = development.Where(l => FoldOf(l) != f).ToList();
        return BeatStacking.ClusterCounts.Select(clusters => BeatStacking.CentroidsOf(fitted, sentences, clusters)).ToArray();
    })).Value;

    /// <summary>Held-out margins of a stacking choice: each fold's second stage is fitted on the other folds' held-out
    /// readings (none: the first stage's margins).</summary>
    private Dictionary<string, double> Stacked(Dictionary<string, BeatStacking.StoryReading> readings, int stack, int clusters)
    {
        if (stack == BeatStacking.None) return readings.ToDictionary(r => r.Key, r => r.Value.Margin, StringComparer.Ordinal);
        var margins = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var fold = 0; fold < Folds; fold++)
        {
            var second = BeatStacking.Fit(development.Where(l => FoldOf(l) != fold).Select(l => (readings[l.Source], l.IsMusic)).ToList(), stack, clusters);
            foreach (var label in development.Where(l => FoldOf(l) == fold)) margins[label.Source] = BeatStacking.Apply(readings[label.Source], stack, clusters, second);
        }
        return margins;
    }

    /// <summary>Every development story's held-out readings for a design (the second stage of the shipped fit is fitted on these).</summary>
    public Dictionary<string, BeatStacking.StoryReading> Readings(BeatDesign design) => HeldOutReadings(design.LedeSentences, design.Ridge);

    private Dictionary<string, float[]> Vectors(int ledeSentences) =>
        development.ToDictionary(l => l.Source, l => Features(sentences[l.Source], ledeSentences), StringComparer.Ordinal);

    private Dictionary<string, double> HeldOut(IReadOnlyDictionary<string, float[]> x, double ridge)
    {
        var held = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        Parallel.For(0, Folds, fold =>
        {
            var (weights, bias) = Fit(development.Where(l => FoldOf(l) != fold).ToList(), x, ridge);
            foreach (var label in development.Where(l => FoldOf(l) == fold)) held[label.Source] = Dot(x[label.Source], weights) + bias;
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  held-out fits done: {x.Values.First().Length} features, ridge {ridge}"));
        return new Dictionary<string, double>(held, StringComparer.Ordinal);
    }

    private static float[] Mean(List<float[]> rows)
    {
        var mean = new double[rows[0].Length];
        foreach (var row in rows)
            for (var i = 0; i < mean.Length; i++) mean[i] += row[i];
        return mean.Select(v => (float)(v / rows.Count)).ToArray();
    }
}
