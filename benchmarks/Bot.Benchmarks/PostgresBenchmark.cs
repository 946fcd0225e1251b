using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Evaluation;
using Npgsql;

namespace Newsdesk.Benchmarks;

/// <summary>The <c>postgres</c> verb: the evaluation store (seed + BBC, already embedded) written into a fresh SQLite
/// file and into PostgreSQL (<c>Storage__ConnectionString</c>, an empty database) in the ingestor's batches of 256
/// documents, timed; then, on each provider, the index load, lexical and retrieval latency, recall@1/@5 (lexical:
/// SQLite FTS5 BM25, BM25 in process over text loaded from PostgreSQL, PostgreSQL full-text search; dense and hybrid),
/// and the evaluation table (tune and held-out parts). Embedding is left out on purpose: it is the same on both
/// providers and dominates ingestion.</summary>
public static class PostgresBenchmark
{
    private const int Batch = 256;

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var connectionString = Environment.GetEnvironmentVariable("Storage__ConnectionString");
        if (string.IsNullOrEmpty(connectionString))
        {
            Console.Error.WriteLine("postgres needs Storage__ConnectionString (an empty database) in the environment.");
            return 2;
        }
        var source = Path.Combine(options.WorkFolder, "evaluation-seed-bbc.db");
        // Opened through the bot first, so a store from before a column was added gains it.
        using (var upgrade = BotHost.Create(source, [options.Seeds, options.Bbc], options.Settings))
            await upgrade.Services.GetRequiredService<IKnowledgeStore>().GetVersionAsync(CancellationToken.None);
        var documents = await KeptStoreRows.ReadAsync(source, _ => true);
        Report("machine", $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start");
        Report("source", $"{documents.Count} documents, {documents.Sum(d => d.Passages.Count)} passages from {source}");

        var copy = Path.Combine(options.WorkFolder, "bench-postgres-copy.db");
        foreach (var file in Directory.GetFiles(options.WorkFolder, "bench-postgres-copy.db*")) File.Delete(file);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var clear = new NpgsqlCommand("DROP TABLE IF EXISTS passages, documents; DELETE FROM schema_migrations WHERE owner = 'KnowledgeStore'", connection);
            try { await clear.ExecuteNonQueryAsync(); } catch (PostgresException) { /* a fresh database has no schema_migrations yet */ }
        }
        var providers = new (string Name, bool ShouldWrite, string[] Settings)[]
        {
            ("SQLite", true, [.. options.Settings]),
            ("PostgreSQL, BM25 in process", true, [.. options.Settings, "--Storage:Provider=PostgreSQL"]),
            ("PostgreSQL, full-text ts_rank", false, [.. options.Settings, "--Storage:Provider=PostgreSQL", "--Retrieval:ShouldRankTermsInPostgres=true"]),
        };
        var questions = EvaluationSet.Load(options.Questions);
        foreach (var (name, shouldWrite, settings) in providers)
        {
            using var host = BotHost.Create(copy, [options.Seeds, options.Bbc], settings);
            var store = host.Services.GetRequiredService<IKnowledgeStore>();
            await store.GetVersionAsync(CancellationToken.None);
            var started = Stopwatch.GetTimestamp();
            if (shouldWrite)
            {
                foreach (var batch in documents.Chunk(Batch)) await store.SaveDocumentsAsync(batch, CancellationToken.None);
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                Report($"{name}: store writes", string.Create(CultureInfo.InvariantCulture,
                    $"{documents.Count / seconds:F0} documents/s, {documents.Sum(d => d.Passages.Count) / seconds:F0} passages/s ({seconds:F1} s)"));
            }

            started = Stopwatch.GetTimestamp();
            await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
            Report($"{name}: load (sync check + index)", $"{Stopwatch.GetElapsedTime(started).TotalSeconds:F2} s, vector search {host.Services.GetRequiredService<PassageIndexHolder>().VectorSearch}");
            await MeasureAsync(name, host.Services, questions);
        }
        return 0;
    }

    private static async Task MeasureAsync(string name, IServiceProvider services, IReadOnlyList<EvaluationQuestion> questions)
    {
        var lexical = services.GetRequiredService<LexicalRanker>();
        var retriever = services.GetRequiredService<PassageRetriever>();
        var index = services.GetRequiredService<PassageIndexHolder>().Current;
        var embedder = services.GetRequiredService<PassageEmbedder>();
        var titleOf = index.Passages.GroupBy(p => p.Source).ToDictionary(g => g.Key, g => g.First().Title);
        var answerable = questions.Where(q => q.IsAnswerable && q.Source is not null).ToList();
        var hits = new Dictionary<string, (int At1, int At5)>();
        void Count(string system, IEnumerable<string> sources, EvaluationQuestion q)
        {
            var expected = titleOf.GetValueOrDefault(q.Source!);
            var titles = sources.Distinct().Select(s => titleOf.GetValueOrDefault(s)).ToList();
            var (at1, at5) = hits.GetValueOrDefault(system);
            hits[system] = (at1 + (titles.Take(1).Contains(expected) ? 1 : 0), at5 + (titles.Take(5).Contains(expected) ? 1 : 0));
        }
        var lexicalTimes = new List<double>();
        foreach (var q in answerable)
        {
            var started = Stopwatch.GetTimestamp();
            var lexicalHits = await lexical.RankAsync(q.Question, 50, CancellationToken.None);
            lexicalTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var denseHits = index.Nearest(embedder.EmbedQuery(q.Question, CancellationToken.None), 50);
            var fused = RankFusion.Fuse(60, lexicalHits.Select(h => h.PassageId).ToList(), denseHits.Select(h => h.Passage.Id).ToList());
            Count("lexical", lexicalHits.Select(h => index.Find(h.PassageId)!.Source), q);
            Count("dense", denseHits.Select(h => h.Passage.Source), q);
            Count("hybrid (RRF)", fused.Select(f => index.Find(f.Id)!.Source), q);
        }
        foreach (var (system, (at1, at5)) in hits)
            Report($"{name}: recall, {system}", string.Create(CultureInfo.InvariantCulture,
                $"@1 {100.0 * at1 / answerable.Count:F1}%  @5 {100.0 * at5 / answerable.Count:F1}%  ({answerable.Count} answerable questions, document level)"));
        Report($"{name}: lexical latency", $"p50 {Percentiles.Of(lexicalTimes, 50):F1} ms, p99 {Percentiles.Of(lexicalTimes, 99):F1} ms");

        var retrieval = new List<double>();
        foreach (var q in questions)
        {
            var started = Stopwatch.GetTimestamp();
            await retriever.RetrieveAsync(q.Question, CancellationToken.None);
            retrieval.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        Report($"{name}: retrieval latency", $"p50 {Percentiles.Of(retrieval, 50):F1} ms, p99 {Percentiles.Of(retrieval, 99):F1} ms over {retrieval.Count} questions");

        var answerer = services.GetRequiredService<IQuestionAnswerer>();
        var outcomes = new List<EvaluationOutcome>();
        foreach (var question in questions.OrderBy(q => q.Thread is null ? 0 : 1).ThenBy(q => q.Thread).ThenBy(q => q.Turn))
        {
            var answer = await answerer.AnswerAsync(new Question(question.Question, EvaluationSet.EarlierTurns(questions, question)), CancellationToken.None);
            outcomes.Add(EvaluationSet.Score(question, answer, withBbc: true));
        }
        Console.WriteLine(EvaluationTable.Format($"seed+bbc on {name}", outcomes, withBbc: true));
    }


    private static void Report(string what, string figure) => Console.WriteLine($"{what,-70} {figure}");
}
