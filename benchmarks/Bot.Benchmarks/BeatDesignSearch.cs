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
        var margins = new ConcurrentDictionary<(int Lede, double Ridge), Dictionary<string, double>>();
        var checks = new ConcurrentDictionary<double, Dictionary<string, double>>();
        Parallel.ForEach(grid.Select(d => (d.LedeSentences, d.Ridge)).Distinct(), key => margins[key] = HeldOut(Vectors(key.LedeSentences), key.Ridge));
        Parallel.ForEach(grid.Where(d => d.HasHeadlineCheck).Select(d => d.CheckRidge).Distinct(), ridge => checks[ridge] = HeldOut(probes, ridge));
        return grid.Select(design =>
        {
            var margin = margins[(design.LedeSentences, design.Ridge)];
            var scores = development.Select(l => (l.Source, l.IsMusic, margin[l.Source],
                design.HasHeadlineCheck ? BeatClassifier.Combine(margin[l.Source], checks[design.CheckRidge][l.Source], design.CheckShare) : margin[l.Source])).ToList();
            return new Judged(design, CrossThresholded(design, scores), scores);
        }).OrderByDescending(Rank).ToList();
    }

    /// <summary>Designs that keep the recall goal and lead with enough music stories come first; among them, the most
    /// precise leads, then the most music stories led with, then the most precise beat.</summary>
    public static (bool, double, int, double) Rank(Judged judged) =>
        (judged.HeldOut.Recall >= 0.90 && judged.HeldOut.ChosenMusic >= LeadRecallFloor * judged.HeldOut.Music,
            Math.Round(judged.HeldOut.ChosenPrecision, 4), judged.HeldOut.ChosenMusic, judged.HeldOut.Precision);

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
