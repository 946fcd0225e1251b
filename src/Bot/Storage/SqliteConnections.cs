using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Newsdesk.Storage;

/// <summary>Opens connections to the one SQLite file every store shares (corpus, feeds, digest ledger, chat journal,
/// platform state), with the same settings everywhere: pooled, foreign keys on, and a busy timeout (<c>Storage:BusyTimeout</c>) so two
/// writers wait for each other instead of failing. Before the first connection of a process is handed out, every registered
/// <see cref="StoreSchema"/> is created: one start-up step for every verb, rather than each caller remembering to.</summary>
public sealed class SqliteConnections(IOptions<StorageOptions> options, IEnumerable<StoreSchema> schemas) : IDisposable
{
    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(options.Value.Database),
        Pooling = true,
        // Microsoft.Data.Sqlite retries a busy database for the command timeout, in whole seconds.
        DefaultTimeout = (int)Math.Ceiling(options.Value.BusyTimeout.TotalSeconds),
    }.ToString();

    // One creator at a time, so a derived store's drop-and-rebuild never races another first caller. A failure (a
    // locked file) leaves the flag unset, and the next connection tries again.
    private readonly SemaphoreSlim creating = new(1, 1);
    private volatile bool areSchemasCreated;

    public string DatabasePath => Path.GetFullPath(options.Value.Database);

    public IReadOnlyList<StoreSchema> Schemas { get; } = [.. schemas];

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenUncheckedAsync(cancellationToken);
        if (areSchemasCreated) return connection;
        try
        {
            await CreateSchemasAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task CreateSchemasAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await creating.WaitAsync(cancellationToken);
        try
        {
            if (areSchemasCreated) return;
            // WAL lets readers (answering) go on while a writer (ingestion, a claim) commits.
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
            await ExecuteAsync(connection, Schema.Ddl, cancellationToken);
            foreach (var schema in Schemas)
            {
                if (schema is { Version: > 0, DropWhenOlder: { } drop })
                {
                    await using var version = connection.CreateCommand();
                    version.CommandText = "PRAGMA user_version";
                    if ((long)(await version.ExecuteScalarAsync(cancellationToken))! < schema.Version)
                        await ExecuteAsync(connection, drop, cancellationToken);
                    await ExecuteAsync(connection, $"PRAGMA user_version = {schema.Version};", cancellationToken);
                }
                await ExecuteAsync(connection, schema.Ddl, cancellationToken);
                await MigrateAsync(connection, schema, cancellationToken);
                foreach (var added in schema.AddedColumns) await AddColumnIfMissingAsync(connection, added, cancellationToken);
            }
            areSchemasCreated = true;
        }
        finally
        {
            creating.Release();
        }
    }

    /// <summary>Which migrations each store has applied. Several processes may start on one file at once: each
    /// migration is checked and applied inside one immediate (write-locked) transaction, so exactly one applies it.</summary>
    public static StoreSchema Schema { get; } = new(nameof(SqliteConnections), ["store_migrations"], """
        CREATE TABLE IF NOT EXISTS store_migrations (owner TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL,
            PRIMARY KEY (owner, version));
        """);

    private static async Task MigrateAsync(SqliteConnection connection, StoreSchema schema, CancellationToken cancellationToken)
    {
        for (var version = 1; version <= schema.Migrations.Count; version++)
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var applied = connection.CreateCommand();
            applied.Transaction = transaction;
            applied.CommandText = "SELECT count(*) FROM store_migrations WHERE owner = $owner AND version = $version";
            applied.Parameters.AddWithValue("$owner", schema.Owner);
            applied.Parameters.AddWithValue("$version", version);
            if ((long)(await applied.ExecuteScalarAsync(cancellationToken))! > 0) continue;
            await using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = schema.Migrations[version - 1];
            await migrate.ExecuteNonQueryAsync(cancellationToken);
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO store_migrations(owner, version, applied_at) VALUES ($owner, $version, datetime('now'))";
            record.Parameters.AddWithValue("$owner", schema.Owner);
            record.Parameters.AddWithValue("$version", version);
            await record.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private async Task<SqliteConnection> OpenUncheckedAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;", cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose() => creating.Dispose();

    private static async Task AddColumnIfMissingAsync(SqliteConnection connection, AddedColumn added, CancellationToken cancellationToken)
    {
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM pragma_table_info($table) WHERE name = $column";
        exists.Parameters.AddWithValue("$table", added.Table);
        exists.Parameters.AddWithValue("$column", added.Column);
        if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! > 0) return;
        await ExecuteAsync(connection, $"ALTER TABLE {added.Table} ADD COLUMN {added.Column} {added.Definition};", cancellationToken);
    }
}
