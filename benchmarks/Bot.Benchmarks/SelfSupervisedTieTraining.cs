using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;

namespace Newsdesk.Benchmarks;

/// <summary>Part of the <c>train</c> verb: builds <see cref="SelfSupervisedTieSet"/> from the seed+BBC store, embeds
/// each pair's focus (as a query) and window (as a passage) the way answering does, fits a one-feature logistic
/// regression on the cosine over the train part and reports how it generalises to the test part: whether the
/// similarity of the focus to the words around a span separates a stated relation from another one of the same
/// story. It prints figures only; the shipped tie threshold is chosen by the hand-written tuning objective.</summary>
public static class SelfSupervisedTieTraining
{
    /// <summary>The <c>train-tie</c> verb: this report alone, without refitting the answer model.</summary>
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        await ReportAsync(options);
        return 0;
    }

    public static async Task ReportAsync(BenchmarkOptions options)
    {
        using var host = BotHost.Create(Path.Combine(options.WorkFolder, "evaluation-seed-bbc.db"), [options.Seeds, options.Bbc], options.Settings);
        await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
        var pairs = SelfSupervisedTieSet.Make(host.Services.GetRequiredService<PassageIndexHolder>().Current.Passages);
        var embedder = host.Services.GetRequiredService<PassageEmbedder>();
        var windows = embedder.EmbedPassages(pairs.Select(p => p.Window).ToList(), CancellationToken.None);
        var focusVectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var focus in pairs.Select(p => p.Focus).Distinct(StringComparer.Ordinal))
            focusVectors[focus] = embedder.EmbedQuery(focus, CancellationToken.None);
        var rows = pairs.Select((p, i) => (Pair: p, X: new[] { (double)System.Numerics.Tensors.TensorPrimitives.Dot(windows[i], focusVectors[p.Focus]) })).ToList();
        var train = rows.Where(r => !r.Pair.IsTest).Select(r => (r.X, r.Pair.IsTied)).ToList();
        var test = rows.Where(r => r.Pair.IsTest).Select(r => (r.X, r.Pair.IsTied)).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\nself-supervised tie set: {pairs.Count} pairs ({pairs.Count(p => p.IsTied)} tied, {pairs.Count(p => !p.IsTied)} near misses); train {train.Count}, test {test.Count}"));
        var (weights, bias) = LogisticRegression.Fit(train);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fit on the train part: p(tied) = sigmoid({weights[0]:F3} * span_focus_similarity + {bias:F3}); p = 0.5 at similarity {-bias / weights[0]:F3}"));
        Print("train", train, weights, bias);
        Print("test ", test, weights, bias);
        foreach (var kind in pairs.Select(p => p.Kind).Distinct())
            Print($"test, {kind}", rows.Where(r => r.Pair.IsTest && r.Pair.Kind == kind).Select(r => (r.X, r.Pair.IsTied)).ToList(), weights, bias);
    }

    private static void Print(string part, IReadOnlyList<(double[] X, bool Y)> rows, double[] weights, double bias)
    {
        if (rows.Count == 0) return;
        var (accuracy, recall, precision) = LogisticRegression.Measure(rows, weights, bias);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {part}: {rows.Count} pairs, accuracy {accuracy:P1}, recall of tied {recall:P1}, precision {precision:P1}, AUC {Auc(rows):F3}"));
    }

    // The chance that a tied pair scores above a near miss (ties count half).
    private static double Auc(IReadOnlyList<(double[] X, bool Y)> rows)
    {
        var tied = rows.Where(r => r.Y).Select(r => r.X[0]).ToList();
        var missed = rows.Where(r => !r.Y).Select(r => r.X[0]).ToList();
        if (tied.Count == 0 || missed.Count == 0) return double.NaN;
        var wins = tied.Sum(t => missed.Sum(m => t > m ? 1.0 : t == m ? 0.5 : 0));
        return wins / (tied.Count * (double)missed.Count);
    }
}
