using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Newsdesk.Storage;

/// <summary>Opens pooled connections to the PostgreSQL database that several processes share. Before the first
/// connection of a process is handed out, every registered <see cref="PostgresSchema"/> is brought up to date in one
/// transaction that first takes a transaction-scoped advisory lock, so replicas starting together apply each migration
/// exactly once, and one that starts mid-way waits and then finds it applied. Stores run their work through
/// <see cref="ReadAsync{T}"/> and <see cref="WriteAsync{T}"/>, which ride out a lost connection (a restarted or failed-over
/// server, killed sessions): the pool's dead connections are dropped and the whole unit of work runs again with
/// backoff, on the injected clock, for up to <see cref="StorageOptions.ReconnectFor"/>. Writes that still fail, or
/// that the server refuses (disk full, read-only), are reported to <see cref="StoreWriteHealth"/>.</summary>
public sealed class PostgresConnections(
    IOptions<StorageOptions> options, IEnumerable<PostgresSchema> schemas, StoreWriteHealth health, TimeProvider time, ILogger<PostgresConnections> logger)
    : IAsyncDisposable
{
    /// <summary>The first retry is at once (a pooled connection the server dropped is the usual cause, and a fresh one
    /// works); then the wait doubles from this, up to <see cref="LongestBackoff"/>. No jitter: a few replicas
    /// reconnecting together are no load for a database server.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan LongestBackoff = TimeSpan.FromSeconds(2);

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

    private int isLost;

    /// <summary>Runs <paramref name="read"/> on an open connection, again with backoff while the connection is lost.</summary>
    public Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> read, CancellationToken cancellationToken) =>
        RetryAsync(async () =>
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await read(connection);
        }, cancellationToken);

    /// <summary>An open connection that the caller keeps (a session lock held on it), with what <paramref name="first"/>
    /// returned; opening it and that first step are retried like <see cref="ReadAsync{T}"/>, and from then on the caller
    /// handles a lost connection itself.</summary>
    public Task<(NpgsqlConnection Connection, T Result)> HoldAsync<T>(Func<NpgsqlConnection, Task<T>> first, CancellationToken cancellationToken) =>
        RetryAsync(async () =>
        {
            var connection = await OpenAsync(cancellationToken);
            try
            {
                return (connection, await first(connection));
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }, cancellationToken);

    /// <summary>Runs <paramref name="write"/> (one unit of work: it must be safe to run again after a failure, as an
    /// upsert, a conditional update or one transaction is) like <see cref="ReadAsync{T}"/>, and reports it to
    /// <see cref="StoreWriteHealth"/> as <paramref name="kind"/>.</summary>
    public Task<T> WriteAsync<T>(string kind, Func<NpgsqlConnection, Task<T>> write, CancellationToken cancellationToken) =>
        health.WriteAsync(kind, () => ReadAsync(write, cancellationToken));

    public Task WriteAsync(string kind, Func<NpgsqlConnection, Task> write, CancellationToken cancellationToken) =>
        WriteAsync(kind, async connection =>
        {
            await write(connection);
            return true;
        }, cancellationToken);

    /// <summary>True when the connection, not the statement, failed: the server could not be reached, closed the
    /// session (shutting down, restarting, an administrator's kill) or refuses connections for now. Worth retrying on a
    /// new connection; anything else (a constraint, a bug, a full disk) would fail the same way again.</summary>
    public static bool IsConnectionLost(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState is "57P01" or "57P02" or "57P03",
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    private async Task<T> RetryAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var result = await work();
                if (Interlocked.Exchange(ref isLost, 0) == 1) logger.LogInformation("The PostgreSQL connection works again");
                return result;
            }
            catch (Exception exception) when (IsConnectionLost(exception) && !cancellationToken.IsCancellationRequested)
            {
                // Every idle connection in the pool went down with the one that failed; without this each would fail once.
                source.Clear();
                var backoff = attempt == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(LongestBackoff.Ticks, FirstBackoff.Ticks << Math.Min(attempt - 1, 20)));
                if (time.GetElapsedTime(started) + backoff > options.Value.ReconnectFor)
                {
                    logger.LogWarning("Gave up on a PostgreSQL operation after {Seconds} s without a connection: {Error}", options.Value.ReconnectFor.TotalSeconds, exception.Message);
                    throw;
                }
                if (Interlocked.Exchange(ref isLost, 1) == 0)
                    logger.LogWarning("The PostgreSQL connection was lost ({Error}); retrying with backoff for up to {Seconds} s", exception.Message, options.Value.ReconnectFor.TotalSeconds);
                await Task.Delay(backoff, time, cancellationToken);
            }
        }
    }

    /// <summary>An open connection, schemas migrated; no retry (stores go through <see cref="ReadAsync{T}"/>,
    /// <see cref="WriteAsync{T}"/> or <see cref="HoldAsync{T}"/>).</summary>
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
