using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Newsdesk.Storage;

/// <summary>Writes to the SQLite file that fail because the file cannot grow or be written (the disk is full, the file
/// system went read-only, the device reports I/O errors). Reads keep working then, so the bot keeps answering; what it
/// cannot record is logged once per kind of write (an error when the kind starts failing, one line when it works
/// again, not a line per failure), counted in the metrics, and shown by /readyz.</summary>
public sealed class StoreWriteHealth
{
    public const string MeterName = "Newsdesk.Store";

    // SQLite primary result codes (sqlite.org/rescode.html): READONLY 8, IOERR 10, FULL 13.
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
            description: "Store writes that failed because the file could not be written, by store and reason (full, io_error, read_only)");
        meter.CreateObservableGauge("newsdesk.store.writable", () => failing.IsEmpty ? 1 : 0,
            description: "1 while every kind of store write works; 0 while one has failed and not yet worked again");
    }

    /// <summary>The kinds of write whose last attempt failed, with when they started failing.</summary>
    public IReadOnlyDictionary<string, StoreWriteFailure> Failing => new Dictionary<string, StoreWriteFailure>(failing, StringComparer.Ordinal);

    /// <summary>True for the errors that mean "the file cannot take this write", as opposed to a lock (busy) or a bug.</summary>
    public static bool CannotWrite(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteFull or SqliteIoError or SqliteReadOnly };

    public async Task<T> WriteAsync<T>(string kind, Func<Task<T>> write)
    {
        T result;
        try
        {
            result = await write();
        }
        catch (SqliteException exception) when (CannotWrite(exception))
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

    private void Failed(string kind, SqliteException exception)
    {
        var reason = exception.SqliteErrorCode switch { SqliteFull => "full", SqliteReadOnly => "read_only", _ => "io_error" };
        failures.Add(1, new("store", kind), new("reason", reason));
        var now = time.GetUtcNow();
        var isNew = failing.TryAdd(kind, new StoreWriteFailure(now, exception.Message));
        if (isNew && !(lastLogged.TryGetValue(kind, out var logged) && now - logged < RelogAfter))
        {
            lastLogged[kind] = now;
            logger.LogError("Store writes ({Store}) fail: {Reason} (SQLite error {Code}). Reading and answering go on; " +
                "logged once (at most every 10 minutes), every failure is counted in newsdesk_store_write_failures", kind, exception.Message, exception.SqliteErrorCode);
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
