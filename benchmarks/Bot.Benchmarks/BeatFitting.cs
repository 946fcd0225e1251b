using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Beat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Beat;

namespace Newsdesk.Benchmarks;

/// <summary><c>beat</c>: fits the beat classifier on the hand labels' train and tune parts (logistic regression on each
/// story's mean sentence vector beside its lede's mean vector, and a headline check over the headline and lede embedded
/// as one query), chooses the design (lede length, ridges, the check's share of the lead score, the headline precision
/// floor, the second stage) and both thresholds on held-out folds of those parts (<see cref="BeatDesignSearch"/>), and
/// writes the weights for the configured embedding model into <c>src/Bot/Beat/beat-weights.json</c>. It never reads the
/// test part: <c>beat-days</c> measures the shipped fit on it, once every value is chosen.</summary>
public static class BeatFitting
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var labels = BeatLabel.Load(Path.GetFullPath(Path.Combine("tests", "Bot.Tests", "Beat", "beat-labels.tsv")));
        using var host = BotHost.Create(Path.Combine(options.WorkFolder, "beat-bbc.db"), [options.Bbc], options.Settings);
        await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
        var model = host.Services.GetRequiredService<IOptions<CorpusOptions>>().Value.EmbeddingModel;
        var (sentences, headlines) = await SentenceVectorsAsync(host.Services.GetRequiredService<IKnowledgeStore>());
        var missing = labels.Where(l => !sentences.ContainsKey(l.Source)).Select(l => l.Source).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"Not in the store: {string.Join(", ", missing.Take(5))}");
        var embedder = host.Services.GetRequiredService<PassageEmbedder>();
        var probes = labels.ToDictionary(l => l.Source, l => embedder.EmbedQuery(headlines[l.Source], CancellationToken.None), StringComparer.Ordinal);

        var development = labels.Where(l => l.Part != BeatLabel.Test).ToList();
        var search = new BeatDesignSearch(development, sentences, probes);
        var judged = search.Judge(Grid());
        Console.WriteLine("Best designs on the folds of train+tune (each fold decided with thresholds chosen on the others):");
        foreach (var j in judged.Take(8)) Console.WriteLine($"  {j.Design}: {j.HeldOut}");
        Console.WriteLine("Best design of each second stage:");
        foreach (var j in judged.GroupBy(j => j.Design.Stack).Select(g => g.First()))
            Console.WriteLine($"  {j.Design}: {j.HeldOut}; {BeatDesignSearch.OffBeatAboveMusic(j.Scores)}");
        var chosen = judged[0];
        var design = chosen.Design;
        var (threshold, headline) = BeatDesignSearch.Thresholds(design, chosen.Scores);
        var vectors = labels.ToDictionary(l => l.Source, l => BeatDesignSearch.Features(sentences[l.Source], design.LedeSentences), StringComparer.Ordinal);
        var beat = BeatDesignSearch.Fit(development, vectors, design.Ridge);
        var check = design.HasHeadlineCheck ? BeatDesignSearch.Fit(development, probes, design.CheckRidge) : ([], 0);
        var dimensions = sentences.Values.First()[0].Length;
        var story = BeatStacking.Ship(model, beat, dimensions, design, development, sentences, design.Stack == BeatStacking.None ? null : search.Readings(design));

        // The test part is not read here: beat-days measures the shipped fit on it, once, after every value is chosen.
        var tuneSources = labels.Where(l => l.Part == BeatLabel.Tune).Select(l => l.Source).ToHashSet(StringComparer.Ordinal);
        var path = Path.GetFullPath(Path.Combine("src", "Bot", "Beat", "beat-weights.json"));
        var file = File.Exists(path) ? BeatWeightsFile.Parse(await File.ReadAllTextAsync(path)) : new BeatWeightsFile([]);
        if (file.Models.FirstOrDefault(m => m.EmbeddingModel == model) is { } replaced)
            Console.WriteLine($"before (the weights replaced), tune: {PreviousScore(replaced, labels.Where(l => l.Part == BeatLabel.Tune).ToList(), sentences, probes)} (tune was fitted on)");
        List<string> measured =
        [
            $"logistic regression on {design.Description}; {design}; design and thresholds chosen on {BeatDesignSearch.Folds} folds of train+tune " +
                FormattableString.Invariant($"(held-out recall >= {BeatDesignSearch.RecallFloor:P0})"),
            $"train+tune, each fold held out and decided with thresholds chosen on the other folds: {chosen.HeldOut}",
            $"train+tune, each fold held out, thresholds chosen on all folds: {BeatScore.Of(chosen.Scores, threshold, headline)}",
            $"tune, each fold held out, thresholds chosen on all folds: {BeatScore.Of(chosen.Scores.Where(s => tuneSources.Contains(s.Source)).ToList(), threshold, headline)}",
        ];
        foreach (var line in measured) Console.WriteLine("after:  " + line);

        var fitted = story with
        {
            Threshold = Math.Round(threshold, 4), HeadlineThreshold = Math.Round(headline, 4), Measured = measured,
            HeadlineCheckWeights = design.HasHeadlineCheck ? BeatStacking.Round(check.Weights) : null, HeadlineCheckBias = Math.Round(check.Bias, 5),
            HeadlineCheckShare = design.CheckShare,
        };
        await File.WriteAllTextAsync(path, new BeatWeightsFile([.. file.Models.Where(m => m.EmbeddingModel != model), fitted]).ToJson() + "\n");
        Console.WriteLine($"Wrote {path} ({model}).");
        return 0;
    }

    private static readonly double[] NoShare = [0];
    private static readonly int[] NoClusters = [0];

    private static IEnumerable<BeatDesign> Grid() =>
        from lede in BeatDesignSearch.LedeLengths
        from ridge in BeatDesignSearch.Ridges
        from checkRidge in BeatDesignSearch.Ridges.Prepend(0)
        from share in checkRidge == 0 ? NoShare : BeatDesignSearch.CheckShares
        from floor in BeatDesignSearch.PrecisionFloors
        from stack in BeatDesignSearch.Stacks
        from clusters in (stack & BeatStacking.Centroids) != 0 ? BeatStacking.ClusterCounts : NoClusters
        select new BeatDesign(lede, ridge, checkRidge, share, floor, stack, clusters);

    /// <summary>How the weights being replaced judge <paramref name="part"/>, with their own thresholds: the "before".</summary>
    private static BeatScore PreviousScore(BeatWeights previous, IReadOnlyList<BeatLabel> part, IReadOnlyDictionary<string, List<float[]>> sentences,
        IReadOnlyDictionary<string, float[]> probes) =>
        BeatScore.Of(part.Select(l =>
        {
            var margin = BeatStacking.MarginOf(previous, sentences[l.Source]);
            var lead = previous.HeadlineCheckWeights is { Length: > 0 } c
                ? BeatClassifier.Combine(margin, BeatDesignSearch.Dot(probes[l.Source], c) + previous.HeadlineCheckBias, previous.HeadlineCheckShare) : margin;
            return (l.Source, l.IsMusic, margin, lead);
        }).ToList(), previous.Threshold, previous.HeadlineThreshold);

    /// <summary>Each document's sentence vectors in reading order (passage by passage), and the text its headline
    /// check embeds (headline and first passage, as the digest embeds it).</summary>
    internal static async Task<(Dictionary<string, List<float[]>> Sentences, Dictionary<string, string> Headlines)> SentenceVectorsAsync(IKnowledgeStore store)
    {
        var stories = new Dictionary<string, List<(int Ordinal, float[] Vector)>>(StringComparer.Ordinal);
        var headlines = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (passage, spans, flat) in await store.LoadPassagesAsync(CancellationToken.None))
        {
            if (passage.Ordinal == 0) headlines[passage.Source] = BeatClassifier.HeadlineText(passage.Title, passage.Text);
            if (spans.Length == 0) continue;
            var dimensions = flat.Length / spans.Length;
            if (!stories.TryGetValue(passage.Source, out var list)) stories[passage.Source] = list = [];
            for (var s = 0; s < spans.Length; s++) list.Add((passage.Ordinal, flat.AsSpan(s * dimensions, dimensions).ToArray()));
        }
        // A stable sort: sentences keep their order inside a passage.
        return (stories.ToDictionary(p => p.Key, p => p.Value.OrderBy(v => v.Ordinal).Select(v => v.Vector).ToList(), StringComparer.Ordinal), headlines);
    }
}
