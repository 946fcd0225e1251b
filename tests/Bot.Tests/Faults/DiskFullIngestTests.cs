using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Faults;

/// <summary><c>ingest</c>, the real program, on a small tmpfs (see <see cref="SmallDisk"/>) that is filled between two
/// runs. A tmpfs in a private mount namespace lives only as long as a process in it, so one shell in that namespace runs
/// every step: ingest a first file, fill the disk, ingest a second, copy the store out, free the disk, ingest the
/// second again, copy the store out.</summary>
public sealed class DiskFullIngestTests
{
    private const string Script = """
        ingest() { dotnet exec "$BOT" ingest "--Storage:Database=$0/bot.db" "$1"; echo "exit=$?"; }
        ingest "$FIRST"
        for size in 1M 4k 1; do dd if=/dev/zero of="$0/filler-$size" bs=$size 2>/dev/null; done
        ingest "$SECOND"
        cp "$0"/bot.db* "$FULL"/
        rm "$0"/filler-*
        ingest "$SECOND"
        cp "$0"/bot.db* "$AFTER"/
        """;

    [SmallDiskFact]
    public async Task OnAFullDiskIngestSaysWhyExitsOneAndKeepsTheStoreWholeThenTakesTheFileOnceSpaceReturns()
    {
        using var folder = new TemporaryFolder();
        string[] steps = ["disk", "full", "after"];
        foreach (var step in steps) Directory.CreateDirectory(folder.File(step));
        await File.WriteAllTextAsync(folder.File("first.txt"), Article("Labels agree a new royalty rate for streamed albums"));
        await File.WriteAllTextAsync(folder.File("second.txt"), Article("Indie chart counts downloads for the first time"));

        var start = SmallDisk.Wrap(folder.File("disk"), "sh", ["-c", Script, folder.File("disk")]);
        start.Environment["BOT"] = Path.Combine(AppContext.BaseDirectory, "Bot.dll");
        start.Environment["FIRST"] = folder.File("first.txt");
        start.Environment["SECOND"] = folder.File("second.txt");
        start.Environment["FULL"] = folder.File("full");
        start.Environment["AFTER"] = folder.File("after");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var said = await output + await error;

        Assert.True((await output).Split('\n').Where(l => l.StartsWith("exit=", StringComparison.Ordinal)).SequenceEqual(["exit=0", "exit=1", "exit=0"]), said);
        // On a full tmpfs SQLite fails first to size its shared-memory index: "disk I/O error" (10), not "full" (13).
        Assert.Matches(@"The store cannot be written \(SQLite Error (10: 'disk I/O error'|13: 'database or disk is full')", said);
        Assert.Contains("nothing is half-written; free some space and run ingest again", said, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", said, StringComparison.Ordinal);

        var full = folder.File("full/bot.db");
        Assert.Equal(["Labels agree a new royalty rate for streamed albums"], Titles(full));
        AssertConsistent(full);
        var after = folder.File("after/bot.db");
        Assert.Equal(["Indie chart counts downloads for the first time", "Labels agree a new royalty rate for streamed albums"], Titles(after));
        AssertConsistent(after);
    }

    private static string Article(string title) => title + "\n\n" + string.Join("\n\n", Enumerable.Range(1, 6).Select(i =>
        $"Paragraph {i} of \"{title}\": the record label said sales of albums and singles rose, and the artists' royalties " +
        "were paid on every download sold through the online music stores this quarter."));

    private static List<string> Titles(string database)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT title FROM documents ORDER BY title";
        using var reader = command.ExecuteReader();
        var titles = new List<string>();
        while (reader.Read()) titles.Add(reader.GetString(0));
        return titles;
    }

    private static void AssertConsistent(string database)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM passages WHERE document_id NOT IN (SELECT id FROM documents))
                 + (SELECT count(*) FROM documents WHERE id NOT IN (SELECT document_id FROM passages))
                 + abs((SELECT count(*) FROM passages) - (SELECT count(*) FROM passage_terms))
                 + abs((SELECT count(*) FROM documents) - (SELECT count(*) FROM feed_items))
            """;
        Assert.Equal(0L, (long)command.ExecuteScalar()!);
        command.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", (string)command.ExecuteScalar()!);
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
