using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Corpus;

namespace Newsdesk.Benchmarks;

/// <summary>The <c>ingest</c> verb: a fresh store over the seed and the BBC set (or <c>--sections a,b</c> of it),
/// then the model alone on the same sentences, so ingestion is reported as a ratio to what the model can do on this
/// machine in the same run (robust to what else is running).</summary>
public static class IngestBenchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var database = Path.Combine(options.WorkFolder, "bench-ingest.db");
        foreach (var file in Directory.GetFiles(options.WorkFolder, "bench-ingest.db*")) File.Delete(file);
        var corpus = new[] { options.Seeds }.Concat(options.BbcFolders).ToArray();
        Report("machine", $"{Environment.ProcessorCount} cores, load average {MachineLoad.LoadAverage()}");

        using var host = BotHost.Create(database, corpus, options.Settings);
        var embedder = host.Services.GetRequiredService<PassageEmbedder>();
        embedder.EmbedQuery("warm the model up", CancellationToken.None);

        var embeddedBefore = embedder.SentencesEmbedded;
        var started = Stopwatch.GetTimestamp();
        var result = await host.Services.GetRequiredService<CorpusSynchronizer>().SynchronizeAsync(CancellationToken.None);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var embedded = embedder.SentencesEmbedded - embeddedBefore;
        var peak = MachineLoad.PeakResidentMiB();
        var sentences = ModelThroughput.Sentences(corpus, host.Services.GetRequiredService<IOptions<CorpusOptions>>().Value.PassageWords);
        var ingestRate = sentences.Count / seconds;
        Report("ingestion (fresh store)", $"{result.Added} documents, {sentences.Count} sentences in {seconds:F1} s = {ingestRate:F0} sentences/s, load {MachineLoad.LoadAverage()}");
        Report("sentences the model embedded while ingesting (each distinct text once)", $"{embedded} of {sentences.Count}");
        Report("peak resident memory while ingesting", $"{peak:F0} MiB");

        var model = ModelThroughput.Measure(embedder, sentences, options.Batch);
        Report($"model alone, same sentences (length-sorted batches of {options.Batch}, {Environment.ProcessorCount} threads)",
            $"{model.SentencesPerSecond:F0} sentences/s in {model.Seconds:F1} s, load {MachineLoad.LoadAverage()}");
        Report("ingestion time / model time", $"{seconds / model.Seconds:F2}");
        await CompareVectorsAsync(host.Services.GetRequiredService<IKnowledgeStore>(), model.Vectors);
        return 0;
    }

    /// <summary>Are the stored vectors bit for bit what the model gives for the same sentence in another batch?</summary>
    private static async Task CompareVectorsAsync(IKnowledgeStore store, Dictionary<string, float[]> reference)
    {
        int identical = 0, total = 0;
        var largest = 0f;
        foreach (var (passage, spans, vectors) in await store.LoadPassagesAsync(CancellationToken.None))
        {
            var dimensions = vectors.Length / Math.Max(1, spans.Length);
            for (var s = 0; s < spans.Length; s++)
            {
                var stored = vectors.AsSpan(s * dimensions, dimensions);
                var other = reference[passage.Text.Substring(spans[s].Start, spans[s].Length)];
                total++;
                if (stored.SequenceEqual(other)) identical++;
                for (var d = 0; d < dimensions; d++) largest = Math.Max(largest, Math.Abs(stored[d] - other[d]));
            }
        }
        Report("stored vectors bit-identical to the model-alone run", $"{identical} of {total}, largest difference {largest:G3}");
    }

    private static void Report(string what, string figure) => Console.WriteLine($"{what,-75} {figure}");
}
