using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Corpus;
using Newsdesk.Tests.Evaluation;

namespace Newsdesk.Benchmarks;

/// <summary>The <c>replicas</c> verb: real <c>serve</c> processes over the seed corpus with a Slack Web API on loopback,
/// one on SQLite beside two on one PostgreSQL database (<c>Storage__ConnectionString</c>, a database of its own), each
/// sent the same signed mentions, spread over the replicas in turn with a few in flight at once. Per mention: the
/// acknowledgement (the HTTP answer to Slack's POST) and the answer (until the fake Slack records the reply). Then
/// ingest throughput into PostgreSQL: the evaluation store's documents (already embedded; <c>--work</c> holds
/// evaluation-seed-bbc.db) written in the ingestor's batches of 256, under a fresh prefix and left there (so drop the
/// database afterwards). The machine's load is printed beside the figures.</summary>
public static class ReplicaBenchmark
{
    private const int InFlight = 4;

    private const int WarmUp = 20;

    /// <summary>Questions the seed corpus answers and one it does not (declines take the same path to the reply).</summary>
    private static readonly string[] Questions =
        ["Who shut down AllofMP3?", "What did the IFPI report about digital music sales?", "Which label signed the Quintessa Ensemble?"];

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var connectionString = Environment.GetEnvironmentVariable("Storage__ConnectionString");
        if (string.IsNullOrEmpty(connectionString))
        {
            Console.Error.WriteLine("replicas needs Storage__ConnectionString (a database of its own) in the environment.");
            return 2;
        }
        var mentions = options.Queries;
        Report("machine", $"{Environment.ProcessorCount} cores, load average {MachineLoad.LoadAverage()} at start");
        var folder = Directory.CreateTempSubdirectory("newsdesk-replicas-").FullName;
        try
        {
            string[] common = ["--corpus", options.Seeds, "--Chat:Workers=2", "--Chat:RateLimits:IsEnabled=false", "--Chat:JournalLease=00:00:30"];
            Dictionary<string, string> none = [];
            await using (var slack = await BenchmarkSlack.StartAsync())
            {
                await using var single = await BenchmarkReplica.StartAsync(slack, [.. common, $"--Storage:Database={Path.Combine(folder, "sqlite.db")}"], none);
                await MeasureAsync("1 replica, SQLite", slack, [single], mentions);
            }
            await using (var slack = await BenchmarkSlack.StartAsync())
            {
                // The connection string travels in the environment, as in production.
                var secret = new Dictionary<string, string> { ["Storage__ConnectionString"] = connectionString };
                string[] postgres = [.. common, "--Storage:Provider=PostgreSQL"];
                await using var first = await BenchmarkReplica.StartAsync(slack, [.. postgres, $"--Storage:Database={Path.Combine(folder, "first.db")}"], secret);
                await using var second = await BenchmarkReplica.StartAsync(slack, [.. postgres, $"--Storage:Database={Path.Combine(folder, "second.db")}"], secret);
                await MeasureAsync("2 replicas, PostgreSQL", slack, [first, second], mentions);
            }
            var store = Path.Combine(options.WorkFolder, "evaluation-seed-bbc.db");
            if (File.Exists(store)) await IngestAsync(options, store, Path.Combine(folder, "ingest.db"));
            else Report("ingest into PostgreSQL", $"skipped: {store} is missing");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        Report("machine", $"load average {MachineLoad.LoadAverage()} at the end");
        return 0;
    }

    /// <summary>Warm-up first (JIT, connection pools, the bot's Slack identity), then the measured mentions.</summary>
    private static async Task MeasureAsync(string name, BenchmarkSlack slack, IReadOnlyList<BenchmarkReplica> replicas, int mentions)
    {
        await SendAsync(slack, replicas, WarmUp * replicas.Count);
        var (acknowledgements, answers, seconds) = await SendAsync(slack, replicas, mentions);
        Report($"{name}: acknowledgement", Figures(acknowledgements));
        Report($"{name}: answer (sent to reply recorded)", Figures(answers));
        Report($"{name}: throughput", string.Create(CultureInfo.InvariantCulture,
            $"{mentions / seconds:F1} answers/s ({mentions} mentions after {WarmUp} per replica to warm up, {InFlight} in flight, {seconds:F1} s), load average {MachineLoad.LoadAverage()}"));
    }

    private static async Task<(ConcurrentBag<double> Acknowledgements, ConcurrentBag<double> Answers, double Seconds)> SendAsync(
        BenchmarkSlack slack, IReadOnlyList<BenchmarkReplica> replicas, int mentions)
    {
        var acknowledgements = new ConcurrentBag<double>();
        var answers = new ConcurrentBag<double>();
        using var gate = new SemaphoreSlim(InFlight);
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, mentions).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var channel = $"CB{run}{i}";
                var sent = Stopwatch.GetTimestamp();
                using var request = BenchmarkSlack.SignedMention($"EvB{run}{i}", channel, $"1700000300.{i:D6}", Questions[i % Questions.Length]);
                using var response = await replicas[i % replicas.Count].Http.SendAsync(request);
                response.EnsureSuccessStatusCode();
                acknowledgements.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                await slack.ReplyAsync(channel).WaitAsync(TimeSpan.FromMinutes(2));
                answers.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
            finally
            {
                gate.Release();
            }
        }));
        return (acknowledgements, answers, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private static async Task IngestAsync(BenchmarkOptions options, string store, string sqlite)
    {
        var documents = await KeptStoreRows.ReadAsync(store, _ => true);
        using var host = BotHost.Create(sqlite, [options.Seeds], [.. options.Settings, "--Storage:Provider=PostgreSQL"]);
        var knowledge = host.Services.GetRequiredService<IKnowledgeStore>();
        await knowledge.GetVersionAsync(CancellationToken.None);
        // The run's own documents, under a prefix, so a store already holding the evaluation set is written afresh.
        var run = $"bench-{Guid.NewGuid():N}/";
        var renamed = documents.Select(d => d with { Record = d.Record with { Source = run + d.Record.Source, ContentHash = run + d.Record.ContentHash } }).ToList();
        var started = Stopwatch.GetTimestamp();
        foreach (var batch in renamed.Chunk(256)) await knowledge.SaveDocumentsAsync(batch, CancellationToken.None);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Report("ingest into PostgreSQL (store writes, no embedding)", string.Create(CultureInfo.InvariantCulture,
            $"{renamed.Count / seconds:F0} documents/s, {renamed.Sum(d => d.Passages.Count) / seconds:F0} passages/s ({seconds:F1} s), load average {MachineLoad.LoadAverage()}"));
    }

    private static string Figures(ConcurrentBag<double> values)
    {
        var list = values.ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"p50 {Percentiles.Of(list, 50):F1} ms, p99 {Percentiles.Of(list, 99):F1} ms, max {list.Max():F1} ms over {list.Count}");
    }

    private static void Report(string what, string figure) => Console.WriteLine($"{what,-70} {figure}");
}
