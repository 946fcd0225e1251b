using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Newsdesk.Storage;

/// <summary>Writes to the store that fail because it cannot take them: the SQLite file cannot grow or be written (the
/// disk is full, the file system went read-only, the device reports I/O errors), or the PostgreSQL server refuses them
/// (disk full, a read-only server, I/O errors) or stays unreachable past its reconnection window. Reads of the corpus
/// keep working then (it is in memory), so the bot keeps answering; what it
/// cannot record is logged once per kind of write (an error when the kind starts failing, one line when it works
/// again, not a line per failure), counted in the metrics, and shown by /readyz.</summary>
public sealed class StoreWriteHealth
{
    public const string MeterName = "Newsdesk.Store";

    // SQLite primary result codes (sqlite.org/rescode.html): READONLY 8, IOERR 10, FULL 13. PostgreSQL's SQLSTATEs
    // (postgresql.org/docs/15/errcodes-appendix.html): disk_full 53100, read_only_sql_transaction 25006, io_error 58030.
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;

    /// <summary>A kind that fails again this soon after its last logged failure (writes on a nearly full disk can flap as
    /// SQLite reuses freed pages) is counted, not logged again.</summary>
    private static readonly TimeSpan RelogAfter = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, StoreWriteFailure> failing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> lastLogged = new(StringComparer.Ordinal);
    private readonly Counter<long> failures;
    private readonly TimeProvider time;
    private readonly ILogger<StoreWriteHealth> logger;

    public StoreWriteHealth(IMeterFactory meters, TimeProvider time, ILogger<StoreWriteHealth> logger)
    {
        this.time = time;
        this.logger = logger;
        var meter = meters.Create(MeterName);
        failures = meter.CreateCounter<long>("newsdesk.store.write_failures",
            description: "Store writes that failed because the store could not take them, by store and reason (full, io_error, read_only, unreachable)");
        meter.CreateObservableGauge("newsdesk.store.writable", () => failing.IsEmpty ? 1 : 0,
            description: "1 while every kind of store write works; 0 while one has failed and not yet worked again");
    }

    /// <summary>The kinds of write whose last attempt failed, with when they started failing.</summary>
    public IReadOnlyDictionary<string, StoreWriteFailure> Failing => new Dictionary<string, StoreWriteFailure>(failing, StringComparer.Ordinal);

    /// <summary>True for the errors that mean "the store cannot take this write", as opposed to a lock (busy), a
    /// conflict or a bug.</summary>
    public static bool CannotWrite(Exception exception) => Reason(exception) is not null;

    /// <summary>full, read_only, io_error or unreachable; null for an error that says nothing about the store.</summary>
    private static string? Reason(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: SqliteFull } => "full",
        SqliteException { SqliteErrorCode: SqliteReadOnly } => "read_only",
        SqliteException { SqliteErrorCode: SqliteIoError } => "io_error",
        PostgresException { SqlState: "53100" } => "full",
        PostgresException { SqlState: "25006" } => "read_only",
        PostgresException { SqlState: "58030" } => "io_error",
        _ when PostgresConnections.IsConnectionLost(exception) => "unreachable",
        _ => null,
    };

    public async Task<T> WriteAsync<T>(string kind, Func<Task<T>> write)
    {
        T result;
        try
        {
            result = await write();
        }
        catch (Exception exception) when (CannotWrite(exception))
        {
            Failed(kind, exception);
            throw;
        }
        Succeeded(kind);
        return result;
    }

    public Task WriteAsync(string kind, Func<Task> write) => WriteAsync(kind, async () =>
    {
        await write();
        return true;
    });

    private void Failed(string kind, Exception exception)
    {
        var reason = Reason(exception)!;
        failures.Add(1, new("store", kind), new("reason", reason));
        var now = time.GetUtcNow();
        var isNew = failing.TryAdd(kind, new StoreWriteFailure(now, exception.Message));
        if (isNew && !(lastLogged.TryGetValue(kind, out var logged) && now - logged < RelogAfter))
        {
            lastLogged[kind] = now;
            logger.LogError("Store writes ({Store}) fail: {Reason} ({Kind}). Reading and answering go on; " +
                "logged once (at most every 10 minutes), every failure is counted in newsdesk_store_write_failures", kind, exception.Message, reason);
        }
        else
        {
            logger.LogDebug("Store write ({Store}) failed again: {Reason}", kind, exception.Message);
        }
    }

    private void Succeeded(string kind)
    {
        if (failing.TryRemove(kind, out var failure))
            logger.LogInformation("Store writes ({Store}) work again after {Duration}", kind, time.GetUtcNow() - failure.Since);
    }
}
