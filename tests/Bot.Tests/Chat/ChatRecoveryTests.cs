using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Tests.Support;
using Newsdesk.Storage;

namespace Newsdesk.Tests.Chat;

/// <summary>Start-up recovery over a real journal file: what is still within its platform's reply window is queued
/// again under the id it was accepted with; what is past it is dropped, logged and counted.</summary>
public sealed class ChatRecoveryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AQuestionWithinItsReplyWindowIsQueuedAgainUnderItsCorrelationIdAndOneTooOldIsDropped()
    {
        using var folder = new TemporaryFolder();
        var clock = new FakeTimeProvider(Now);
        // The last run journalled both, then died: its leases lapse after Chat:JournalLease.
        await using (var lastRun = Services(folder, clock))
        {
            var written = lastRun.GetRequiredService<ChatJournal>();
            Assert.True(await written.TryAddAsync(Entry("Test:fresh", "corr-fresh", Now.AddMinutes(-9)), default));
            Assert.True(await written.TryAddAsync(Entry("Test:stale", "corr-stale", Now.AddMinutes(-11)), default));
        }
        clock.Advance(new ChatOptions().JournalLease + TimeSpan.FromSeconds(1));
        await using var services = Services(folder, clock);
        var journal = services.GetRequiredService<ChatJournal>();

        await services.GetRequiredService<ChatRecovery>().TakeOverAsync(default);

        var inbox = services.GetRequiredService<ChatInbox>();
        Assert.Equal(1, inbox.Depth);
        Assert.True(inbox.Reader.TryRead(out var job));
        Assert.Equal(("corr-fresh", "Test:fresh", "What changed?", "earlier"), (job.CorrelationId, job.JournalKey, job.Question.Text, job.Question.EarlierTurns.Single()));
        Assert.Equal("reply-state", ((TestReply)job.Reply).State);
        // The stale entry is gone; the fresh one stays until its reply is delivered.
        Assert.Equal(["Test:fresh"], (await journal.LoadAsync(default)).Select(e => e.Key));
        var logs = services.GetRequiredService<CapturingLoggerProvider>();
        Assert.Contains(logs.Lines, l => l.Message.StartsWith("Dropped unanswered question Test:stale", StringComparison.Ordinal));
    }

    private static ChatJournalEntry Entry(string key, string correlationId, DateTimeOffset acceptedAt) =>
        new(key, "Test", correlationId, new Question("What changed?", ["earlier"]), "reply-state", acceptedAt);

    private static ServiceProvider Services(TemporaryFolder folder, TimeProvider clock)
    {
        var logs = new CapturingLoggerProvider();
        return new ServiceCollection()
            .AddLogging(l => l.AddProvider(logs))
            .AddSingleton(logs)
            .AddMetrics()
            .AddSingleton(Options.Create(new StorageOptions { Database = folder.File("bot.db") }))
            .AddSingleton(Options.Create(new ChatOptions()))
            .AddSingleton(clock)
            .AddSingleton(StoreInstance.New())
            .AddSingleton<SqliteConnections>()
            .AddStoreSchema(ChatJournal.Schema)
            .AddSingleton<ChatMetrics>()
            .AddSingleton<ChatInbox>()
            .AddSingleton<StoreWriteHealth>()
            .AddSingleton<ChatJournal>()
            .AddSingleton<IChatJournal>(provider => provider.GetRequiredService<ChatJournal>())
            .AddSingleton<IChatReplyRestorer, TestRestorer>()
            .AddSingleton<ChatRecovery>()
            .BuildServiceProvider();
    }

    /// <summary>A platform whose replies may come up to 10 minutes late.</summary>
    private sealed class TestRestorer : IChatReplyRestorer
    {
        public string Platform => "Test";

        public TimeSpan ReplyWindow => TimeSpan.FromMinutes(10);

        public IReplyChannel Restore(string reply) => new TestReply(reply);
    }

    private sealed class TestReply(string state) : IReplyChannel
    {
        public string State => state;

        public Task SendAnswerAsync(Answer answer, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SendFailureAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
