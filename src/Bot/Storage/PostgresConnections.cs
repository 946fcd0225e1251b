using Microsoft.Extensions.Options;
using Npgsql;

namespace Newsdesk.Storage;

/// <summary>Opens pooled connections to the PostgreSQL database that several processes share. Before the first
/// connection of a process is handed out, every registered <see cref="PostgresSchema"/> is brought up to date in one
/// transaction that first takes a transaction-scoped advisory lock, so replicas starting together apply each migration
/// exactly once, and one that starts mid-way waits and then finds it applied.</summary>
public sealed class PostgresConnections(IOptions<StorageOptions> options, IEnumerable<PostgresSchema> schemas) : IAsyncDisposable
{
    /// <summary>"News" in ASCII: the advisory lock every Newsdesk process takes to migrate.</summary>
    private const long MigrationLock = 0x4E657773;

    private readonly NpgsqlDataSource source = NpgsqlDataSource.Create(options.Value.ConnectionString
        ?? throw new InvalidOperationException("Storage:ConnectionString is not set."));

    private readonly SemaphoreSlim migrating = new(1, 1);
    private volatile bool isMigrated;

    public IReadOnlyList<PostgresSchema> Schemas { get; } = [.. schemas];

    /// <summary>Which migrations each store has applied.</summary>
    public static StoreSchema Schema { get; } = new(nameof(PostgresConnections), ["schema_migrations"], """
        CREATE TABLE IF NOT EXISTS schema_migrations (owner TEXT NOT NULL, version INTEGER NOT NULL,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (owner, version));
        """);

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await source.OpenConnectionAsync(cancellationToken);
        if (isMigrated) return connection;
        try
        {
            await MigrateAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await migrating.WaitAsync(cancellationToken);
        try
        {
            if (isMigrated) return;
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);
            await ExecuteAsync(connection, Schema.Ddl, cancellationToken);
            foreach (var schema in Schemas)
            {
                for (var version = 1; version <= schema.Migrations.Count; version++)
                {
                    await using var applied = new NpgsqlCommand("SELECT count(*) FROM schema_migrations WHERE owner = @owner AND version = @version", connection);
                    applied.Parameters.AddWithValue("owner", schema.Owner);
                    applied.Parameters.AddWithValue("version", version);
                    if ((long)(await applied.ExecuteScalarAsync(cancellationToken))! > 0) continue;
                    await ExecuteAsync(connection, schema.Migrations[version - 1], cancellationToken);
                    await using var record = new NpgsqlCommand("INSERT INTO schema_migrations(owner, version) VALUES (@owner, @version)", connection);
                    record.Parameters.AddWithValue("owner", schema.Owner);
                    record.Parameters.AddWithValue("version", version);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            await transaction.CommitAsync(cancellationToken);
            isMigrated = true;
        }
        finally
        {
            migrating.Release();
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await source.DisposeAsync();
        migrating.Dispose();
    }
}
