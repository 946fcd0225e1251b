using System.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;

namespace Newsdesk.Benchmarks;

/// <summary>The <c>memory</c> verb: where <c>ask</c>'s resident memory goes, step by step over an existing store (the
/// evaluation's <c>evaluation-seed-bbc.db</c> under <c>--work</c>): the host, the model, the index, one answer; the
/// managed heap beside the resident set at each step, and what the index's parts weigh.</summary>
public static class MemoryBenchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        Report("step", "resident MiB | managed heap MiB (after a full collection) | GC committed MiB");
        Step("process started");
        using var host = BotHost.Create(Path.Combine(options.WorkFolder, "evaluation-seed-bbc.db"), [options.Seeds, options.Bbc], options.Settings);
        Step("host built");
        var embedder = host.Services.GetRequiredService<PassageEmbedder>();
        embedder.EmbedQuery("warm the model up", CancellationToken.None);
        Step("model loaded, one query embedded");
        await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
        Step("store checked and index loaded");
        var answerer = host.Services.GetRequiredService<IQuestionAnswerer>();
        await answerer.AnswerAsync(new Question("Who shut down AllofMP3?"), CancellationToken.None);
        Step("one question answered");

        var index = host.Services.GetRequiredService<PassageIndexHolder>().Current;
        var onDisk = index.Dense is OnDiskSentences file ? $"; floats in a file beside the store, {file.FileBytes / 1048576.0:F0} MiB" : "";
        Report("index: sentence vectors and codes in memory", $"{index.Dense.MemoryBytes / 1048576.0:F1} MiB ({index.SentenceCount} sentences × {index.Dimensions}{onDisk})");
        Report("index: passage text (UTF-16)", $"{index.Passages.Sum(p => (long)p.Text.Length * 2) / 1048576.0:F0} MiB ({index.Count} passages)");
        Report("peak resident", $"{MachineLoad.PeakResidentMiB():F0} MiB");
        return 0;
    }

    private static void Step(string what)
    {
        var before = GC.GetGCMemoryInfo();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Report(what, $"{MachineLoad.ResidentMiB(),6:F0} | {GC.GetTotalMemory(false) / 1048576.0,6:F0} | {before.TotalCommittedBytes / 1048576.0,6:F0}" +
            $"  (resident after collection {MachineLoad.ResidentMiB():F0})");
    }

    private static void Report(string what, string figure) => Console.WriteLine($"{what,-45} {figure}");
}
