using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Corpus;
using Newsdesk.Tests.Support;
using Newsdesk.Storage;

namespace Newsdesk.Tests.Storage;

/// <summary>How a store write that cannot be written is reported: once in the log per kind, every time in the
/// metrics, and until the next success of that kind in <see cref="StoreWriteHealth.Failing"/> and the gauge.</summary>
public sealed class StoreWriteHealthTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly CapturingLoggerProvider log = new();
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener listener = new();
    private readonly List<(string Name, long Value, Dictionary<string, object?> Tags)> measurements = [];
    private readonly StoreWriteHealth health;

    public StoreWriteHealthTests()
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        // Only this test's meter: other tests' hosts create the same meter name in parallel.
        listener.InstrumentPublished = (instrument, l) => { if (ReferenceEquals(instrument.Meter.Scope, meters)) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
        health = new StoreWriteHealth(meters, clock, LoggerFactory.Create(b => b.AddProvider(log)).CreateLogger<StoreWriteHealth>());
    }

    [Fact]
    public async Task AFullDiskIsLoggedOnceCountedEveryTimeAndSaidToWorkAgainOnTheNextSuccess()
    {
        for (var i = 0; i < 3; i++)
            await Assert.ThrowsAsync<SqliteException>(() => health.WriteAsync("slack_claims", () => throw Full()));

        Assert.Single(Errors());
        Assert.Contains("Store writes (slack_claims) fail: database or disk is full", Errors()[0].Message, StringComparison.Ordinal);
        Assert.Equal(3, Failures("slack_claims", "full"));
        Assert.Equal(clock.GetUtcNow(), health.Failing["slack_claims"].Since);
        Assert.Equal(0, Writable());

        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(7, await health.WriteAsync("slack_claims", () => Task.FromResult(7)));
        Assert.Empty(health.Failing);
        Assert.Equal(1, Writable());
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Information && l.Message.Contains("Store writes (slack_claims) work again after 00:03:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AKindThatFlapsIsLoggedAgainOnlyAfterTenMinutes()
    {
        await Assert.ThrowsAsync<SqliteException>(() => health.WriteAsync("feed_items", () => throw Full()));
        await health.WriteAsync("feed_items", () => Task.CompletedTask);
        clock.Advance(TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<SqliteException>(() => health.WriteAsync("feed_items", () => throw Full()));
        Assert.Single(Errors());

        clock.Advance(TimeSpan.FromMinutes(10));
        await health.WriteAsync("feed_items", () => Task.CompletedTask);
        await Assert.ThrowsAsync<SqliteException>(() => health.WriteAsync("feed_items", () => throw Full()));
        Assert.Equal(2, Errors().Count);
        Assert.Equal(3, Failures("feed_items", "full"));
    }

    [Fact]
    public async Task ALockedStoreIsNotAFullOneAndPassesThroughUnreported()
    {
        var locked = await Assert.ThrowsAsync<SqliteException>(() => health.WriteAsync("slack_claims", () => throw new SqliteException("database is locked", 5)));

        Assert.Equal(5, locked.SqliteErrorCode);
        Assert.False(StoreWriteHealth.CannotWrite(locked));
        Assert.Empty(health.Failing);
        Assert.Empty(log.Lines);
        Assert.Equal(0, Failures("slack_claims", "full"));
        Assert.True(StoreWriteHealth.CannotWrite(new SqliteException("disk I/O error", 10)));
        Assert.True(StoreWriteHealth.CannotWrite(new SqliteException("attempt to write a readonly database", 8)));
    }

    private static SqliteException Full() => new("database or disk is full", 13);

    private List<CapturedLog> Errors() => log.Lines.Where(l => l.Level == LogLevel.Error).ToList();

    private long Failures(string store, string reason)
    {
        lock (measurements)
            return measurements.Where(m => m.Name == "newsdesk.store.write_failures" && Equals(m.Tags["store"], store) && Equals(m.Tags["reason"], reason)).Sum(m => m.Value);
    }

    private long Writable()
    {
        listener.RecordObservableInstruments();
        lock (measurements) return measurements.Last(m => m.Name == "newsdesk.store.writable").Value;
    }

    private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var (key, tag) in tags) copy[key] = tag;
        lock (measurements) measurements.Add((instrument.Name, value, copy));
    }

    public void Dispose()
    {
        listener.Dispose();
        services.Dispose();
        log.Dispose();
    }
}
