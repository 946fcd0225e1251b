using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Chat;
using Newsdesk.Storage;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Chat;

/// <summary>Recovery over a real journal file when something fails: a restorer that throws (anything, not only a JSON
/// error) costs its own entry, which is dropped, logged and counted, and the host still starts with the other entries
/// queued; a take-over pass that throws (anything, not only a store error) is logged and the renewal loop goes on, so
/// the next pass takes over what has expired since. Both used to throw out of the recovery: the host's start failed,
/// or the loop ended for good.</summary>
public sealed class ChatRecoveryFailureTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private readonly TemporaryFolder folder = new();
    private readonly WatchedClock clock = new(Now);
    private readonly ConcurrentQueue<string> recovered = new();
    private readonly MeterListener listener = new();

    public ChatRecoveryFailureTests()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "newsdesk.chat.recovered") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString());
            recovered.Enqueue($"{tagged["platform"]}:{tagged["outcome"]}");
        });
        listener.Start();
    }

    [Fact]
    public async Task ARestorerThatThrowsCostsOnlyItsEntryAndTheHostStillStarts()
    {
        await JournalFromALastRunAsync(Entry("Broken:1", "Broken"), Entry("Test:1", "Test"));
        clock.Advance(new ChatOptions().JournalLease + TimeSpan.FromSeconds(1));
        await using var services = Services(new ThrowingJournal(null));
        var recovery = services.GetRequiredService<ChatRecovery>();

        await recovery.StartAsync(default);
        await recovery.StopAsync(default);

        var inbox = services.GetRequiredService<ChatInbox>();
        Assert.True(inbox.Reader.TryRead(out var job));
        Assert.Equal("Test:1", job.JournalKey);
        Assert.False(inbox.Reader.TryRead(out _));
        Assert.Equal(["Test:1"], (await services.GetRequiredService<ChatJournal>().LoadAsync(default)).Select(e => e.Key));
        Assert.Contains(services.GetRequiredService<CapturingLoggerProvider>().Lines, l => l.Level == LogLevel.Error
            && l.Message.StartsWith("Dropped unanswered question Broken:1", StringComparison.Ordinal) && l.Message.Contains("not a reply of ours", StringComparison.Ordinal));
        Assert.Contains("Broken:unreadable", Recovered());
    }

    [Fact]
    public async Task APassThatThrowsIsLoggedAndTheNextPassTakesOverWhatExpiredSince()
    {
        // Journalled by a process that died at once: its lease runs out only after the first passes.
        await JournalFromALastRunAsync(Entry("Test:1", "Test"));
        var failing = new ThrowingJournal(new TimeoutException("the store did not answer"));
        await using var services = Services(failing);
        var recovery = services.GetRequiredService<ChatRecovery>();
        var period = new ChatOptions().JournalLease / 3;
        await recovery.StartAsync(default);
        try
        {
            failing.FailNextTakeOvers(1);
            // Past the lease, one period at a time; each timer created means the pass before it has finished.
            for (var turn = 0; turn < 4; turn++)
            {
                await clock.NextTimerAsync(period, period);
                clock.Advance(period);
            }
            await clock.NextTimerAsync(period, period);
        }
        finally
        {
            await recovery.StopAsync(default);
        }

        Assert.Equal(0, failing.FailuresLeft);
        var inbox = services.GetRequiredService<ChatInbox>();
        Assert.True(inbox.Reader.TryRead(out var job));
        Assert.Equal("Test:1", job.JournalKey);
        Assert.Single(services.GetRequiredService<CapturingLoggerProvider>().Lines, l => l.Level == LogLevel.Error
            && l.Message.Contains("Could not take over the chat journal's expired entries", StringComparison.Ordinal)
            && l.Message.Contains("the store did not answer", StringComparison.Ordinal));
        Assert.Contains("Test:requeued", Recovered());
    }

    [Fact]
    public async Task AnEntryWhoseRecoveryThrowsAfterItWasQueuedStaysHeldSoNoOtherProcessTakesItOverToo()
    {
        // The log line after the queueing throws (a logging provider that fails once): the job is in the inbox, so the
        // entry must stay this process's. Released, as it used to be, a second process took it over at once and both
        // held it: the rerun of a Discord command checks no lease, so both would have answered.
        await JournalFromALastRunAsync(Entry("Test:1", "Test"));
        clock.Advance(new ChatOptions().JournalLease + TimeSpan.FromSeconds(1));
        await using var services = Services(new ThrowingJournal(null), new ThrowingLoggerProvider("Recovered unanswered question Test:1"));
        var recovery = services.GetRequiredService<ChatRecovery>();

        await recovery.TakeOverAsync(default);

        var inbox = services.GetRequiredService<ChatInbox>();
        Assert.True(inbox.Reader.TryRead(out var job));
        Assert.Equal("Test:1", job.JournalKey);
        await using var otherProcess = Services(new ThrowingJournal(null));
        Assert.Empty(await otherProcess.GetRequiredService<ChatJournal>().TakeOverExpiredAsync(default));
        Assert.True(await services.GetRequiredService<ChatJournal>().HoldsAsync("Test:1", default));
        Assert.Contains(services.GetRequiredService<CapturingLoggerProvider>().Lines, l => l.Level == LogLevel.Error
            && l.Message.StartsWith("Recovered unanswered question Test:1 from a stopped process, but could not report it", StringComparison.Ordinal));
        Assert.Contains("Test:requeued", Recovered());
        Assert.DoesNotContain("Test:failed", Recovered());
    }

    private async Task JournalFromALastRunAsync(params ChatJournalEntry[] entries)
    {
        await using var lastRun = Services(new ThrowingJournal(null));
        var journal = lastRun.GetRequiredService<ChatJournal>();
        foreach (var entry in entries) Assert.True(await journal.TryAddAsync(entry, default));
    }

    private ChatJournalEntry Entry(string key, string platform) =>
        new(key, platform, "corr-" + key, new Question("What changed?"), "reply-state", clock.GetUtcNow());

    private List<string> Recovered() => [.. recovered];

    private ServiceProvider Services(ThrowingJournal journal, ILoggerProvider? failingLogs = null)
    {
        var logs = new CapturingLoggerProvider();
        return new ServiceCollection()
            .AddLogging(l =>
            {
                l.AddProvider(logs);
                if (failingLogs is not null) l.AddProvider(failingLogs);
            })
            .AddSingleton(logs)
            .AddMetrics()
            .AddSingleton(Options.Create(new StorageOptions { Database = folder.File("bot.db") }))
            .AddSingleton(Options.Create(new ChatOptions()))
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(StoreInstance.New())
            .AddSingleton<SqliteConnections>()
            .AddStoreSchema(ChatJournal.Schema)
            .AddSingleton<ChatMetrics>()
            .AddSingleton<ChatInbox>()
            .AddSingleton<StoreWriteHealth>()
            .AddSingleton<ChatJournal>()
            .AddSingleton<IChatJournal>(provider => journal.Around(provider.GetRequiredService<ChatJournal>()))
            .AddSingleton<IChatReplyRestorer>(new Restorer("Test", state => new Reply(state)))
            .AddSingleton<IChatReplyRestorer>(new Restorer("Broken", _ => throw new InvalidOperationException("not a reply of ours")))
            .AddSingleton<ChatRecovery>()
            .BuildServiceProvider();
    }

    /// <summary>The real journal, but its take-over throws <c>failure</c> for the next few calls.</summary>
    private sealed class ThrowingJournal(Exception? failure) : IChatJournal
    {
        private IChatJournal inner = null!;
        private int failuresLeft;

        public int FailuresLeft => Volatile.Read(ref failuresLeft);

        public IChatJournal Around(IChatJournal journal)
        {
            inner = journal;
            return this;
        }

        public void FailNextTakeOvers(int count) => Volatile.Write(ref failuresLeft, count);

        public Task<IReadOnlyList<ChatJournalEntry>> TakeOverExpiredAsync(CancellationToken cancellationToken) =>
            failure is not null && TakeOneFailure() ? throw failure : inner.TakeOverExpiredAsync(cancellationToken);

        private bool TakeOneFailure()
        {
            int left;
            do
            {
                left = Volatile.Read(ref failuresLeft);
                if (left <= 0) return false;
            }
            while (Interlocked.CompareExchange(ref failuresLeft, left - 1, left) != left);
            return true;
        }

        public Task<bool> TryAddAsync(ChatJournalEntry entry, CancellationToken cancellationToken) => inner.TryAddAsync(entry, cancellationToken);

        public Task RemoveAsync(string key, CancellationToken cancellationToken) => inner.RemoveAsync(key, cancellationToken);

        public Task<IReadOnlyList<ChatJournalEntry>> LoadAsync(CancellationToken cancellationToken) => inner.LoadAsync(cancellationToken);

        public Task RenewAsync(CancellationToken cancellationToken) => inner.RenewAsync(cancellationToken);

        public Task<bool> HoldsAsync(string key, CancellationToken cancellationToken) => inner.HoldsAsync(key, cancellationToken);

        public Task ReleaseAsync(string? key, CancellationToken cancellationToken) => inner.ReleaseAsync(key, cancellationToken);
    }

    /// <summary>A logging provider whose loggers throw on the first message that starts with <c>prefix</c>.</summary>
    private sealed class ThrowingLoggerProvider(string prefix) : ILoggerProvider
    {
        private int hasThrown;

        private string Prefix => prefix;

        public ILogger CreateLogger(string categoryName) => new Thrower(this);

        public void Dispose()
        {
        }

        private sealed class Thrower(ThrowingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (formatter(state, exception).StartsWith(provider.Prefix, StringComparison.Ordinal) && Interlocked.Exchange(ref provider.hasThrown, 1) == 0)
                    throw new InvalidOperationException("the log sink is full");
            }
        }
    }

    private sealed class Restorer(string platform, Func<string, IReplyChannel> restore) : IChatReplyRestorer
    {
        public string Platform => platform;

        public TimeSpan ReplyWindow => TimeSpan.FromMinutes(10);

        public IReplyChannel Restore(string reply) => restore(reply);
    }

    private sealed class Reply(string state) : IReplyChannel
    {
        public string State => state;

        public Task SendAnswerAsync(Answer answer, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SendFailureAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public void Dispose()
    {
        listener.Dispose();
        folder.Dispose();
    }
}
