using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsdesk.Chat;
using Newsdesk.Storage;
using Newsdesk.Tests.Support;
using Npgsql;

namespace Newsdesk.Tests.Storage;

/// <summary>What the PostgreSQL stores do when the connection is lost: the server stopped and started again, sessions
/// killed by an administrator, the database turned read-only. An operation waits with backoff on the injected clock
/// and goes through once the server is back; past the reconnection window it fails as a write the store could not take
/// (<c>newsdesk_store_writable</c> 0) until a write works again.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReconnectionTests(PostgresServer server) : IDisposable
{
    private readonly WatchedClock clock = new(WatchedClock.FixedStart);
    private readonly CapturingLoggerProvider log = new();
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener listener = new();
    private long writable = -1;

    [PostgresFact]
    public async Task AnOperationStartedWhileTheServerIsDownWaitsWithBackoffAndGoesThroughOnceItIsBack()
    {
        var (connections, journal, _) = await JournalAsync();
        await using var _connections = connections;
        var entry = Entry();
        Assert.True(await journal.TryAddAsync(entry, default));

        await server.StopAsync();
        Task removing;
        try
        {
            removing = journal.RemoveAsync(entry.Key, default);
            // The first retry is at once; then the waits double, on the clock the test moves.
            await clock.WaitForTimerAsync(PostgresConnections.FirstBackoff);
            clock.Advance(PostgresConnections.FirstBackoff);
            await clock.WaitForTimerAsync(PostgresConnections.FirstBackoff * 2);
            Assert.False(removing.IsCompleted);
        }
        finally
        {
            await server.StartAsync();
        }
        clock.Advance(PostgresConnections.FirstBackoff * 2);
        await removing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.DoesNotContain(await journal.LoadAsync(default), e => e.Key == entry.Key);
        Assert.Single(log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("The PostgreSQL connection was lost", StringComparison.Ordinal));
        Assert.Single(log.Lines, l => l.Message.Contains("The PostgreSQL connection works again", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.Message.Contains("Could not remove", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task PastTheReconnectionWindowAWriteFailsAsUnreachableAndTheStoreIsWritableAgainAfterTheNextWrite()
    {
        var (connections, journal, health) = await JournalAsync(reconnectFor: TimeSpan.FromSeconds(1));
        await using var _connections = connections;
        Assert.True(await journal.TryAddAsync(Entry(), default));

        await server.StopAsync();
        try
        {
            var adding = journal.TryAddAsync(Entry(), default);
            var waits = new List<TimeSpan>();
            while (!adding.IsCompleted)
            {
                var next = clock.NextTimerAsync(TimeSpan.FromTicks(1));
                if (await Task.WhenAny(adding, next) != next) break;
                waits.Add(await next);
                clock.Advance(await next);
            }

            Assert.False(await adding);
            Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)], waits);
            Assert.Contains("chat_journal", health.Failing.Keys);
            Assert.Equal(0, Writable());
        }
        finally
        {
            await server.StartAsync();
        }

        Assert.True(await journal.TryAddAsync(Entry(), default));
        Assert.Empty(health.Failing);
        Assert.Equal(1, Writable());
    }

    [PostgresFact]
    public async Task ADatabaseTurnedReadOnlyMakesTheStoreUnwritableAndKilledSessionsAreReplacedAtOnce()
    {
        var connectionString = await server.DatabaseAsync(GetType());
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var admin = new NpgsqlConnection(connectionString);
        await admin.OpenAsync();
        var (connections, journal, health) = await JournalAsync();
        await using var _connections = connections;
        Assert.True(await journal.TryAddAsync(Entry(), default));
        Assert.Equal(1, Writable());

        try
        {
            await ExecuteAsync(admin, $"ALTER DATABASE \"{database}\" SET default_transaction_read_only = on");
            await KillSessionsAsync(admin, database);
            // The pooled session was killed: the write reconnects at once (no wait), and the new session is read-only.
            Assert.False(await journal.TryAddAsync(Entry(), default));
            Assert.Contains("read-only transaction", health.Failing["chat_journal"].Reason, StringComparison.Ordinal);
            Assert.Equal(0, Writable());
        }
        finally
        {
            await ExecuteAsync(admin, $"ALTER DATABASE \"{database}\" SET default_transaction_read_only = off");
        }
        await KillSessionsAsync(admin, database);

        Assert.True(await journal.TryAddAsync(Entry(), default));
        Assert.Empty(health.Failing);
        Assert.Equal(1, Writable());
    }

    private async Task<(PostgresConnections Connections, PostgresChatJournal Journal, StoreWriteHealth Health)> JournalAsync(TimeSpan? reconnectFor = null)
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "newsdesk.store.writable") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => Interlocked.Exchange(ref writable, value));
        listener.Start();
        var logs = LoggerFactory.Create(b => b.AddProvider(log));
        var health = new StoreWriteHealth(meters, clock, logs.CreateLogger<StoreWriteHealth>());
        var connections = PostgresServer.Connections(await server.DatabaseAsync(GetType()), [PostgresChatJournal.Schema], clock, health, logs, reconnectFor);
        var journal = new PostgresChatJournal(connections, StoreInstance.New(), Options.Create(new ChatOptions()), clock, NullLogger<PostgresChatJournal>.Instance);
        return (connections, journal, health);
    }

    private long Writable()
    {
        listener.RecordObservableInstruments();
        return Interlocked.Read(ref writable);
    }

    private ChatJournalEntry Entry() => new($"Outage:{Guid.NewGuid():N}", "Test", "corr", new Question("What changed?"), "{}", clock.GetUtcNow());

    private static async Task KillSessionsAsync(NpgsqlConnection admin, string database)
    {
        await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid()", admin);
        kill.Parameters.AddWithValue("db", database);
        await kill.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        listener.Dispose();
        services.Dispose();
        log.Dispose();
    }
}
