using Newsdesk.Tests.Support;
using Npgsql;

namespace Newsdesk.Tests.Cli;

/// <summary>On PostgreSQL, a store the server says cannot be used (a database that does not exist) is the same one
/// <c>Store error:</c> line and exit code 3 as on SQLite, naming the database and the server's reason, never the
/// connection string; it used to end with an unhandled <see cref="PostgresException"/> (exit 134).</summary>
[Collection(PostgresCollection.Name)]
public sealed class UnopenablePostgresStoreTests(PostgresServer server) : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [PostgresFact]
    public async Task ADatabaseThatDoesNotExistIsAOneLineStoreError()
    {
        var missing = new NpgsqlConnectionStringBuilder(await server.DatabaseAsync(GetType())) { Database = "no_such_newsdesk", Password = "not-to-be-shown" };

        var outcome = await BotProcess.RunAsync(
            ["ask", "Who shut down AllofMP3?", "--corpus", TestPaths.Seeds, $"--Storage:Database={folder.File("bot.db")}"],
            folder.Path, TimeSpan.FromSeconds(60), input: "", environment: new Dictionary<string, string>
            {
                ["Storage__Provider"] = "PostgreSQL",
                ["Storage__ConnectionString"] = missing.ConnectionString,
            });

        Assert.False(outcome.TimedOut);
        Assert.Equal(3, outcome.ExitCode);
        var lines = outcome.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var error = Assert.Single(lines, l => l.StartsWith("Store error:", StringComparison.Ordinal));
        Assert.Contains("no_such_newsdesk", error, StringComparison.Ordinal);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-to-be-shown", outcome.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", outcome.Errors, StringComparison.Ordinal);
        Assert.Empty(outcome.Output);
    }

    public void Dispose() => folder.Dispose();
}
