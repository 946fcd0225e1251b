using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Retrieval;

namespace Newsdesk.Benchmarks;

/// <summary>The scale verb's lexical part: BM25 over an FTS5 table holding <c>scale</c> copies of every passage's
/// text, with the store's own query, so each term's postings grow by the scale.</summary>
public static class ScaleLexicalPass
{
    private const int Limit = 40;

    public static async Task RunAsync(string database, int scale, string[] questions, BenchmarkOptions options)
    {
        var scaled = Path.Combine(options.WorkFolder, $"scale-lexical-{scale}.db");
        foreach (var file in Directory.GetFiles(options.WorkFolder, $"scale-lexical-{scale}.db*")) File.Delete(file);
        var started = Stopwatch.GetTimestamp();
        await using (var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            await using var copy = connection.CreateCommand();
            copy.CommandText = "VACUUM INTO $target";
            copy.Parameters.AddWithValue("$target", scaled);
            await copy.ExecuteNonQueryAsync();
        }
        await using (var connection = new SqliteConnection($"Data Source={scaled};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var transaction = connection.BeginTransaction();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            // Copies take rowids past the real ones: the same texts, so each term's postings grow by the scale.
            insert.CommandText = """
                INSERT INTO passage_terms(rowid, title, body)
                SELECT rowid + $offset, title, body FROM passage_terms WHERE rowid <= $last
                """;
            var last = await Scalar(connection, transaction, "SELECT max(rowid) FROM passage_terms");
            insert.Parameters.AddWithValue("$last", last);
            var offset = insert.Parameters.Add("$offset", SqliteType.Integer);
            for (var c = 1; c < scale; c++) { offset.Value = c * last; await insert.ExecuteNonQueryAsync(); }
            await transaction.CommitAsync();
        }
        var buildSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        using var host = BotHost.Create(scaled, [], options.Settings);
        var lexical = host.Services.GetRequiredService<LexicalRanker>();
        foreach (var q in questions.Take(5)) await lexical.RankAsync(q, Limit, CancellationToken.None);
        var times = new List<double>();
        foreach (var q in questions)
        {
            var begun = Stopwatch.GetTimestamp();
            await lexical.RankAsync(q, Limit, CancellationToken.None);
            times.Add(Stopwatch.GetElapsedTime(begun).TotalMilliseconds);
        }
        ScaleBenchmark.Report($"lexical BM25 (FTS5) at {scale}×", ScaleBenchmark.Latency(times) + $"; table built in {buildSeconds:F0} s, file {new FileInfo(scaled).Length / 1048576} MiB, load {MachineLoad.LoadAverage()}");
        await InProcessAsync(host.Services.GetRequiredService<Newsdesk.Corpus.IKnowledgeStore>(), scale, questions);
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(options.WorkFolder, $"scale-lexical-{scale}.db*")) File.Delete(file);
    }

    /// <summary>The same questions against <see cref="LexicalIndex"/> (BM25 in process, as a PostgreSQL store ranks)
    /// over the same copies: every passage repeated under new ids, so each term's postings grow by the scale.</summary>
    private static async Task InProcessAsync(Newsdesk.Corpus.IKnowledgeStore store, int scale, string[] questions)
    {
        var real = (await store.LoadPassagesAsync(CancellationToken.None)).Select(p => p.Passage).ToArray();
        var last = real.Max(p => p.Id);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var started = Stopwatch.GetTimestamp();
        var index = new LexicalIndex([.. Enumerable.Range(0, scale).SelectMany(c => real.Select(p => c == 0 ? p : p with { Id = p.Id + c * last }))]);
        var buildSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var held = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1048576.0;
        foreach (var q in questions.Take(5)) index.Search(q, Limit);
        var times = new List<double>();
        foreach (var q in questions)
        {
            var begun = Stopwatch.GetTimestamp();
            index.Search(q, Limit);
            times.Add(Stopwatch.GetElapsedTime(begun).TotalMilliseconds);
        }
        ScaleBenchmark.Report($"lexical BM25 (in process) at {scale}×", ScaleBenchmark.Latency(times) +
            $"; index built in {buildSeconds:F0} s, {held:F0} MiB held, resident {MachineLoad.ResidentMiB():F0} MiB, load {MachineLoad.LoadAverage()}");
        GC.KeepAlive(index);
    }

    private static async Task<long> Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

}
