using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Evaluation;

namespace Newsdesk.Benchmarks;

/// <summary>One run that reports ingestion throughput on the full BBC set, warm start-up, retrieval and answer latency
/// on a warm store, peak memory, and recall@1/@5 beside a lexical-only Lucene.Net baseline.</summary>
public static class FullBenchmark
{
    private const int LatencyRounds = 5;

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var database = Path.Combine(options.WorkFolder, "bench-seed-bbc.db");
        foreach (var file in Directory.GetFiles(options.WorkFolder, "bench-seed-bbc.db*")) File.Delete(file);
        var corpus = new[] { options.Seeds, options.Bbc };
        Report("machine", $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");

        // 1. Ingestion: a fresh store over the seed and the whole BBC set.
        using (var host = BotHost.Create(database, corpus, options.Settings))
        {
            var started = Stopwatch.GetTimestamp();
            var result = await host.Services.GetRequiredService<CorpusSynchronizer>().SynchronizeAsync(CancellationToken.None);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await host.Services.GetRequiredService<PassageIndexHolder>().ReloadAsync(CancellationToken.None);
            var index = host.Services.GetRequiredService<PassageIndexHolder>().Current;
            Report("ingestion", $"{result.Added} documents, {index.Count} passages in {seconds:F1} s = {result.Added / seconds:F1} documents/s, {index.Count / seconds:F1} passages/s");
        }

        // 2. Warm start-up: a new process answering one question over the existing store.
        var startups = new List<double>();
        for (var i = 0; i < 3; i++) startups.Add(await TimeAskProcessAsync(database, corpus));
        Report("warm start-up (process: load model + store, answer one question, exit)",
            $"median {Percentiles.Of(startups, 50):F2} s (runs: {string.Join(", ", startups.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))})");

        // 3. Latency and 4. quality on the warm store, in process.
        using (var host = BotHost.Create(database, corpus, options.Settings))
        {
            var loadStarted = Stopwatch.GetTimestamp();
            await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
            Report("warm load in process (sync check + index)", $"{Stopwatch.GetElapsedTime(loadStarted).TotalSeconds:F2} s");
            var questions = EvaluationSet.Load(options.Questions);
            await MeasureLatencyAsync(host.Services, questions);
            await MeasureRecallAsync(host.Services, questions);
        }
        Report("peak memory (this process, after all of the above)", $"{PeakWorkingSetMiB():F0} MiB");
        return 0;
    }

    /// <summary>The <c>latency</c> verb: answer latency on a warm store that already exists (the evaluation's
    /// <c>evaluation-seed-bbc.db</c> under <c>--work</c>), without re-ingesting the BBC set first.</summary>
    public static async Task<int> RunLatencyAsync(BenchmarkOptions options)
    {
        var database = Path.Combine(options.WorkFolder, "evaluation-seed-bbc.db");
        var questions = EvaluationSet.Load(options.Questions);
        Report("machine", $"{Environment.ProcessorCount} cores, load average {MachineLoad.LoadAverage()}");
        using (var host = BotHost.Create(database, [options.Seeds, options.Bbc], options.Settings))
        {
            await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
            Report("store", $"{host.Services.GetRequiredService<PassageIndexHolder>().Current.Count} passages");
            PrepareSpanWindows(host.Services);
            await MeasureLatencyAsync(host.Services, questions);
        }
        // A second host, so that every question is a first ask for the focus scorer again.
        using (var host = BotHost.Create(database, [options.Seeds, options.Bbc], options.Settings))
        {
            await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
            await LatencyPhases.MeasureAsync(host.Services, questions);
            ModelCallCost.Measure(host.Services.GetRequiredService<PassageEmbedder>());
        }
        Report("machine after", $"load average {MachineLoad.LoadAverage()}");
        return 0;
    }

    /// <summary>A warm store is one whose span windows <c>serve</c> has prepared in the background
    /// (<see cref="KnownSpanWindows"/>): done here on every core before timing, once per store (a copy of a prepared
    /// store carries its file along).</summary>
    private static void PrepareSpanWindows(IServiceProvider services)
    {
        var embedder = services.GetRequiredService<PassageEmbedder>();
        var watch = Stopwatch.StartNew();
        var count = services.GetRequiredService<KnownSpanWindows>().Prepare(services.GetRequiredService<PassageIndexHolder>().Current,
            texts => embedder.EmbedPassages(texts, CancellationToken.None), CancellationToken.None);
        Report("span windows prepared", $"{count.Windows} windows, {count.Embedded} embedded now, {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task MeasureLatencyAsync(IServiceProvider services, IReadOnlyList<EvaluationQuestion> questions)
    {
        var retriever = services.GetRequiredService<PassageRetriever>();
        var answerer = services.GetRequiredService<IQuestionAnswerer>();
        var meter = new PhaseMeter(services.GetRequiredService<PassageEmbedder>());
        foreach (var q in questions.Take(5)) await answerer.AnswerAsync(new Question(q.Question), CancellationToken.None);
        var retrieval = new List<double>();
        var answers = new List<PhaseCost>();
        var firstRound = 0;
        for (var round = 0; round < LatencyRounds; round++)
        {
            if (round == 1) firstRound = answers.Count;
            foreach (var question in questions)
            {
                meter.Restart();
                await retriever.RetrieveAsync(question.Question, CancellationToken.None);
                retrieval.Add(meter.Lap().Milliseconds);
                await answerer.AnswerAsync(new Question(question.Question), CancellationToken.None);
                answers.Add(meter.Lap());
            }
        }
        var times = answers.Select(a => a.Milliseconds).ToList();
        Report("retrieval latency", $"p50 {Percentiles.Of(retrieval, 50):F1} ms, p99 {Percentiles.Of(retrieval, 99):F1} ms over {retrieval.Count} questions");
        Report("answer latency (retrieval + composition)", $"p50 {Percentiles.Of(times, 50):F1} ms, p99 {Percentiles.Of(times, 99):F1} ms over {times.Count} questions");
        // The answerer keeps focus-phrase and window vectors: the first round embeds each question's once, later
        // rounds find them kept.
        var first = times.Take(firstRound).ToList();
        var later = times.Skip(firstRound).ToList();
        Report("answer latency, first round", $"p50 {Percentiles.Of(first, 50):F1} ms, p99 {Percentiles.Of(first, 99):F1} ms over {first.Count} questions");
        Report("answer latency, later rounds", $"p50 {Percentiles.Of(later, 50):F1} ms, p99 {Percentiles.Of(later, 99):F1} ms over {later.Count} questions");
        // What the slowest answers (the p99 and above) have in common: a first ask (its model call in focus scoring),
        // a collection inside, or neither.
        var p99 = Percentiles.Of(times, 99);
        var slow = answers.Select((a, i) => (Cost: a, First: i < firstRound)).Where(a => a.Cost.Milliseconds >= p99).ToList();
        Report("answers at or over the p99", $"{slow.Count}: {slow.Count(s => s.First)} in the first round, {slow.Count(s => s.Cost.ModelCalls > 1)} with a focus model call, " +
            $"{slow.Count(s => s.Cost.Collections > 0)} with a collection inside (pause {slow.Sum(s => s.Cost.GcPauseMilliseconds):F1} ms in all)");
        var allocated = answers.Select(a => a.AllocatedBytes / 1024.0).ToList();
        Report("answer allocation and GC", $"p50 {Percentiles.Of(allocated, 50):F0} KiB, p99 {Percentiles.Of(allocated, 99):F0} KiB an answer; " +
            $"{answers.Sum(a => a.Collections)} collections ({GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2 in the process), " +
            $"{answers.Sum(a => a.GcPauseMilliseconds):F1} ms paused over {answers.Count} answers, longest pause inside one {answers.Max(a => a.GcPauseMilliseconds):F1} ms");
    }

    private static async Task MeasureRecallAsync(IServiceProvider services, IReadOnlyList<EvaluationQuestion> questions)
    {
        var store = services.GetRequiredService<IKnowledgeStore>();
        var passages = (await store.LoadPassagesAsync(CancellationToken.None)).Select(p => p.Passage).ToList();
        // Byte-identical BBC duplicates count as the same story: compare by title.
        var titleOf = passages.GroupBy(p => p.Source).ToDictionary(g => g.Key, g => g.First().Title);
        using var lucene = new LuceneBaseline(passages);
        var lexical = services.GetRequiredService<LexicalRanker>();
        var index = services.GetRequiredService<PassageIndexHolder>().Current;
        var embedder = services.GetRequiredService<PassageEmbedder>();

        var answerable = questions.Where(q => q.IsAnswerable && q.Source is not null).ToList();
        var hits = new Dictionary<string, (int At1, int At5)>();
        void Count(string system, IReadOnlyList<string> sources, EvaluationQuestion q)
        {
            var expected = titleOf.GetValueOrDefault(q.Source!);
            var titles = sources.Select(s => titleOf.GetValueOrDefault(s)).ToList();
            var (at1, at5) = hits.GetValueOrDefault(system);
            hits[system] = (at1 + (titles.Take(1).Contains(expected) ? 1 : 0), at5 + (titles.Take(5).Contains(expected) ? 1 : 0));
        }
        foreach (var q in answerable)
        {
            var lexicalHits = await lexical.RankAsync(q.Question, 50, CancellationToken.None);
            var lexicalSources = lexicalHits.Select(h => index.Find(h.PassageId)!.Source).Distinct().ToList();
            var denseHits = index.Nearest(embedder.EmbedQuery(q.Question, CancellationToken.None), 50);
            var denseSources = denseHits.Select(h => h.Passage.Source).Distinct().ToList();
            var fused = RankFusion.Fuse(60, lexicalHits.Select(h => h.PassageId).ToList(), denseHits.Select(h => h.Passage.Id).ToList());
            Count("newsdesk hybrid (BM25 + dense, RRF)", fused.Select(f => index.Find(f.Id)!.Source).Distinct().ToList(), q);
            Count("newsdesk lexical only (FTS5 BM25)", lexicalSources, q);
            Count("newsdesk dense only (sentence vectors)", denseSources, q);
            Count("Lucene.Net BM25 baseline (EnglishAnalyzer)", lucene.Search(q.Question, 5), q);
        }
        foreach (var (system, (at1, at5)) in hits)
            Report($"recall, {system}", $"@1 {100.0 * at1 / answerable.Count:F1}%  @5 {100.0 * at5 / answerable.Count:F1}%  ({answerable.Count} answerable questions, document level)");
    }

    private static async Task<double> TimeAskProcessAsync(string database, string[] corpus)
    {
        var bot = Path.Combine(AppContext.BaseDirectory, "Bot.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "exec", bot, "ask", "Who shut down AllofMP3?", $"--Storage:Database={database}" }) start.ArgumentList.Add(arg);
        foreach (var folder in corpus) { start.ArgumentList.Add("--corpus"); start.ArgumentList.Add(folder); }
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (process.ExitCode != 0) throw new InvalidOperationException($"ask failed: {await errors}");
        _ = await output;
        return seconds;
    }

    private static double PeakWorkingSetMiB()
    {
        // VmHWM is the resident set's high-water mark, which Process.PeakWorkingSet64 reads on Linux.
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    private static void Report(string what, string figure) => Console.WriteLine($"{what,-75} {figure}");
}
