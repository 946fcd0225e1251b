using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Newsdesk.Corpus;

/// <summary>Opens connections to the one SQLite file every store shares (corpus, feeds, digest ledger, platform
/// state), with the same settings everywhere: pooled, foreign keys on, and a busy timeout so two writers wait for each
/// other instead of failing.</summary>
public sealed class SqliteConnections(IOptions<StorageOptions> options)
{
    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(options.Value.Database),
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    // Schemas already created by this process. Their DDL is idempotent (CREATE … IF NOT EXISTS), so two first callers
    // racing both run it harmlessly; a failure (a locked file) is not recorded, so the next connection tries again.
    private readonly ConcurrentDictionary<string, bool> createdSchemas = new(StringComparer.Ordinal);

    public string DatabasePath => Path.GetFullPath(options.Value.Database);

    /// <summary>A connection on which the tables of <paramref name="schema"/> exist: <paramref name="ddl"/> runs
    /// before the first use in this process.</summary>
    public async Task<SqliteConnection> OpenAsync(string schema, string ddl, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        if (createdSchemas.ContainsKey(schema)) return connection;
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = ddl;
            await command.ExecuteNonQueryAsync(cancellationToken);
            createdSchemas[schema] = true;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
