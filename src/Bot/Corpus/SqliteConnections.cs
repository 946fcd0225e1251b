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

    public string DatabasePath => Path.GetFullPath(options.Value.Database);

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
