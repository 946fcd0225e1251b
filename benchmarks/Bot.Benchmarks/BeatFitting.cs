using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Beat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Beat;

namespace Newsdesk.Benchmarks;

/// <summary><c>beat</c>: fits the beat classifier on the hand labels' train part (logistic regression on each story's
/// mean sentence vector), chooses the ridge strength and the threshold on the tune part, measures the test part, and
/// writes the weights for the configured embedding model into <c>src/Bot/Beat/beat-weights.json</c>.</summary>
public static class BeatFitting
{
    private static readonly double[] Ridges = [0.003, 0.01, 0.03, 0.1, 0.3, 1];
    // The threshold keeps this recall on held-out margins (the goal is 90% of the day's music stories); the headline
    // threshold is the lowest above it whose held-out precision reaches the goal for the digest's chosen stories.
    private const double RecallFloor = 0.92;
    private const double HeadlinePrecisionFloor = 0.95;
    private const int Folds = 5;

    private static int FoldOf(BeatLabel label)
    {
        var hash = 2166136261u;
        foreach (var c in label.Title.Trim().ToLowerInvariant()) hash = (hash ^ c) * 16777619u;
        return (int)(hash % Folds);
    }

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var labels = BeatLabel.Load(Path.GetFullPath(Path.Combine("tests", "Bot.Tests", "Beat", "beat-labels.tsv")));
        using var host = BotHost.Create(Path.Combine(options.WorkFolder, "beat-bbc.db"), [options.Bbc], options.Settings);
        await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
        var model = host.Services.GetRequiredService<IOptions<CorpusOptions>>().Value.EmbeddingModel;
        var vectors = await MeanVectorsAsync(host.Services.GetRequiredService<KnowledgeStore>());
        var missing = labels.Where(l => !vectors.ContainsKey(l.Source)).Select(l => l.Source).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"Not in the store: {string.Join(", ", missing.Take(5))}");

        List<BeatLabel> Part(string part) => labels.Where(l => l.Part == part).ToList();
        var (train, tune, test) = (Part(BeatLabel.Train), Part(BeatLabel.Tune), Part(BeatLabel.Test));
        // Train and tune together are dealt into folds (a title stays in one fold, so copies never straddle); each
        // fold's margins come from weights fitted without it. The ridge and the threshold are chosen on those
        // held-out margins; the test part is only measured.
        var development = train.Concat(tune).ToList();
        (double Ridge, double Threshold, double Headline, BeatScore Score)? best = null;
        foreach (var ridge in Ridges)
        {
            var heldOut = new List<(string Source, bool IsMusic, double Margin)>();
            for (var fold = 0; fold < Folds; fold++)
            {
                var fitOn = development.Where(l => FoldOf(l) != fold).ToList();
                var (w, b) = LogisticRegression.FitByNewton(fitOn.Select(l => vectors[l.Source]).ToList(), fitOn.Select(l => l.IsMusic).ToList(), ridge);
                heldOut.AddRange(Margins(development.Where(l => FoldOf(l) == fold), vectors, w, b));
            }
            var threshold = RecallThreshold(heldOut);
            var headline = PrecisionThreshold(heldOut, threshold);
            var score = BeatScore.Of(heldOut, threshold, headline);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ridge {ridge}: threshold {threshold:F3}, headline {headline:F3}; held-out folds {score}"));
            if (best is null || score.Precision > best.Value.Score.Precision) best = (ridge, threshold, headline, score);
        }
        var (ridgeChosen, thresholdChosen, headlineChosen, heldOutScore) = best!.Value;
        var (weights, bias) = LogisticRegression.FitByNewton(development.Select(l => vectors[l.Source]).ToList(), development.Select(l => l.IsMusic).ToList(), ridgeChosen);
        string Measure(List<BeatLabel> part) => BeatScore.Of(Margins(part, vectors, weights, bias), thresholdChosen, headlineChosen).ToString();
        List<string> measured =
        [
            string.Create(CultureInfo.InvariantCulture, $"logistic regression on the mean sentence vector; ridge {ridgeChosen}, threshold and headline threshold chosen on {Folds} folds of train+tune (held-out recall >= {RecallFloor:P0}; headline precision >= {HeadlinePrecisionFloor:P0})"),
            $"train+tune, fitted on: {Measure(development)}",
            $"train+tune, each fold held out in turn: {heldOutScore}",
            $"test, never seen by the fitting: {Measure(test)}",
        ];
        foreach (var line in measured) Console.WriteLine(line);

        var path = Path.GetFullPath(Path.Combine("src", "Bot", "Beat", "beat-weights.json"));
        var others = File.Exists(path) ? BeatWeightsFile.Parse(await File.ReadAllTextAsync(path)).Models.Where(m => m.EmbeddingModel != model) : [];
        var rounded = weights.Select(w => (float)Math.Round(w, 5)).ToArray();
        var file = new BeatWeightsFile([.. others, new BeatWeights(model, rounded, Math.Round(bias, 5), Math.Round(thresholdChosen, 4), Math.Round(headlineChosen, 4), measured)]);
        await File.WriteAllTextAsync(path, file.ToJson() + "\n");
        Console.WriteLine($"Wrote {path} ({model}).");
        return 0;
    }

    private static List<(string Source, bool IsMusic, double Margin)> Margins(IEnumerable<BeatLabel> labels,
        IReadOnlyDictionary<string, float[]> vectors, float[] weights, double bias) =>
        labels.Select(l => (l.Source, l.IsMusic, Dot(vectors[l.Source], weights) + bias)).ToList();

    /// <summary>The highest threshold that keeps the recall floor: as precise as the recall goal allows.</summary>
    private static double RecallThreshold(List<(string Source, bool IsMusic, double Margin)> tune)
    {
        var music = tune.Where(s => s.IsMusic).Select(s => s.Margin).OrderDescending().ToList();
        var keep = (int)Math.Ceiling(RecallFloor * music.Count);
        var lowestKept = music[keep - 1];
        var nextBelow = tune.Select(s => s.Margin).Where(m => m < lowestKept).DefaultIfEmpty(lowestKept - 1).Max();
        return (lowestKept + nextBelow) / 2;
    }

    /// <summary>The lowest threshold, not below <paramref name="floor"/>, at which the held-out precision of what is at
    /// or above it reaches the headline floor.</summary>
    private static double PrecisionThreshold(List<(string Source, bool IsMusic, double Margin)> heldOut, double floor)
    {
        var candidates = heldOut.Select(s => s.Margin).Where(m => m >= floor).Order().ToList();
        foreach (var candidate in candidates)
        {
            var above = heldOut.Where(s => s.Margin >= candidate).ToList();
            if ((double)above.Count(s => s.IsMusic) / above.Count >= HeadlinePrecisionFloor) return candidate;
        }
        return candidates.Count == 0 ? floor : candidates[^1];
    }

    private static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>Each document's mean sentence vector: the feature the product's classifier scores (as the average of its
    /// sentences' projections, which is the same number).</summary>
    private static async Task<Dictionary<string, float[]>> MeanVectorsAsync(KnowledgeStore store)
    {
        var sums = new Dictionary<string, (double[] Sum, int Count)>(StringComparer.Ordinal);
        foreach (var (passage, sentences, flat) in await store.LoadPassagesAsync(CancellationToken.None))
        {
            if (sentences.Length == 0) continue;
            var dimensions = flat.Length / sentences.Length;
            if (!sums.TryGetValue(passage.Source, out var entry)) entry = (new double[dimensions], 0);
            for (var i = 0; i < flat.Length; i++) entry.Sum[i % dimensions] += flat[i];
            sums[passage.Source] = (entry.Sum, entry.Count + sentences.Length);
        }
        return sums.ToDictionary(p => p.Key, p => p.Value.Sum.Select(v => (float)(v / p.Value.Count)).ToArray(), StringComparer.Ordinal);
    }
}
