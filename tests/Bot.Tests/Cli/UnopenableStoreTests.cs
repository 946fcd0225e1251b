using Microsoft.Data.Sqlite;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Cli;

/// <summary>A store the program cannot open (a file that is not SQLite, a damaged one, a folder that cannot be made)
/// ends every verb that opens the store with one <c>Store error:</c> line naming the path and the reason, exit code 3,
/// and nothing written; it used to end with an unhandled <see cref="SqliteException"/> (exit 134), and <c>serve</c> ran
/// on, never ready.</summary>
public sealed class UnopenableStoreTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly TemporaryFolder folder = new();

    /// <summary>Each verb with its arguments, separated by '|'.</summary>
    [Theory]
    [InlineData("ask|Who shut down AllofMP3?")]
    [InlineData("ask|--jsonl")]
    [InlineData("ingest|SEEDS")]
    [InlineData("digest|--preview")]
    [InlineData("story|AllofMP3")]
    [InlineData("feeds")]
    [InlineData("feedback")]
    [InlineData("serve|--urls|http://127.0.0.1:0")]
    public async Task AFileThatIsNotSqliteIsAOneLineStoreErrorForEveryVerbAndIsLeftAsItWas(string verb)
    {
        var database = folder.File("notes.db");
        await File.WriteAllTextAsync(database, "These are my notes, not a database. " + new string('x', 200));
        var before = await File.ReadAllBytesAsync(database);

        var outcome = await RunAsync([.. verb.Split('|').Select(a => a == "SEEDS" ? TestPaths.Seeds : a)], database);

        AssertOneStoreError(outcome, database, "not a SQLite database");
        Assert.Equal(before, await File.ReadAllBytesAsync(database));
        Assert.Equal(["notes.db"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ADamagedStoreIsAOneLineStoreError()
    {
        var database = folder.File("damaged.db");
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES (zeroblob(5000)), (zeroblob(5000));";
            await create.ExecuteNonQueryAsync();
        }
        // The schema's page, after the 100-byte file header, overwritten: what a torn copy or a bad disk leaves.
        var bytes = await File.ReadAllBytesAsync(database);
        Array.Fill(bytes, (byte)0xA5, 100, 3996);
        await File.WriteAllBytesAsync(database, bytes);

        var outcome = await RunAsync(["ask", "Who shut down AllofMP3?"], database);

        AssertOneStoreError(outcome, database, "damaged");
        Assert.Equal(bytes, await File.ReadAllBytesAsync(database));
    }

    [Fact]
    public async Task DamageFoundPartWayThroughIsTheSameOneLineStoreError()
    {
        var database = folder.File("store.db");
        var built = await RunAsync(["ingest", TestPaths.Seeds], database);
        Assert.Equal(0, built.ExitCode);
        await DamageAfterTheSchemaAsync(database);

        var outcome = await RunAsync(["ask", "Who shut down AllofMP3?"], database);

        AssertOneStoreError(outcome, database, "damaged");
    }

    [Fact]
    public async Task DamageFoundWhileTheCorpusIsSynchronisedLeavesTheCorpusStampsAsTheyWere()
    {
        // A corpus of its own: the seed, then a second file added after the store was built, which the next start
        // hashes (a new stamp) and ingests, finding the damage when it writes the file's passages.
        var corpus = Directory.CreateDirectory(folder.File("corpus")).FullName;
        var seed = Assert.Single(Directory.GetFiles(TestPaths.Seeds));
        File.Copy(seed, Path.Combine(corpus, Path.GetFileName(seed)));
        // Written an hour ago: a file hashed moments after it was written is not stamped (CorpusFileStamps).
        File.SetLastWriteTimeUtc(Path.Combine(corpus, Path.GetFileName(seed)), DateTime.UtcNow.AddHours(-1));
        var database = folder.File("store.db");
        var built = await BotProcess.RunAsync(["ask", "Who shut down AllofMP3?", "--corpus", corpus, $"--Storage:Database={database}"], folder.Path, Limit, input: "");
        Assert.Equal(0, built.ExitCode);
        await DamageAfterTheSchemaAsync(database);
        var stamps = await File.ReadAllBytesAsync(database + ".corpus-stamps");
        var added = Path.Combine(corpus, "added.txt");
        await File.WriteAllTextAsync(added, "Labels sign a new licence\n\nThe labels signed a new licence with the service on Monday, they said.");
        File.SetLastWriteTimeUtc(added, DateTime.UtcNow.AddHours(-1));

        var outcome = await BotProcess.RunAsync(["ask", "Who shut down AllofMP3?", "--corpus", corpus, $"--Storage:Database={database}"], folder.Path, Limit, input: "");

        AssertOneStoreError(outcome, database, "damaged");
        Assert.Equal(stamps, await File.ReadAllBytesAsync(database + ".corpus-stamps"));
    }

    // Every page after the last table's first one damaged: the schema (made first, at the first connection) is whole,
    // so the store opens, and the damage shows only when rows past it are read or written.
    private static async Task DamageAfterTheSchemaAsync(string database)
    {
        long lastRootPage, pageSize;
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            lastRootPage = await ScalarAsync(connection, "SELECT max(rootpage) FROM sqlite_master");
            pageSize = await ScalarAsync(connection, "PRAGMA page_size");
        }
        var bytes = await File.ReadAllBytesAsync(database);
        Assert.True(bytes.Length > lastRootPage * pageSize, "the passages lie after the schema's pages");
        Array.Fill(bytes, (byte)0xA5, (int)(lastRootPage * pageSize), bytes.Length - (int)(lastRootPage * pageSize));
        await File.WriteAllBytesAsync(database, bytes);
    }

    [Fact]
    public async Task AFolderThatCannotBeMadeIsAOneLineStoreErrorAndMakesNothing()
    {
        // A file where the store's folder should be: no user, root included, can make that folder.
        await File.WriteAllTextAsync(folder.File("data"), "a file, not a folder");
        var database = Path.Combine(folder.File("data"), "newsdesk.db");

        var outcome = await RunAsync(["ask", "Who shut down AllofMP3?"], database);

        AssertOneStoreError(outcome, database, "folder");
        Assert.Equal(["data"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task<BotProcess.Outcome> RunAsync(string[] verb, string database) =>
        BotProcess.RunAsync([.. verb, "--corpus", TestPaths.Seeds, $"--Storage:Database={database}"], folder.Path, Limit, input: "");

    private static void AssertOneStoreError(BotProcess.Outcome outcome, string database, string reason)
    {
        Assert.False(outcome.TimedOut, "the program ran on with a store it cannot open");
        Assert.Equal(3, outcome.ExitCode);
        var lines = outcome.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var error = Assert.Single(lines, l => l.StartsWith("Store error:", StringComparison.Ordinal));
        Assert.Contains(database, error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", outcome.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal));
        Assert.Empty(outcome.Output);
    }

    public void Dispose() => folder.Dispose();
}
