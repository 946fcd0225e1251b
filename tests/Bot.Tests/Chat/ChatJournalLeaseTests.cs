using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Chat;
using Newsdesk.Storage;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Chat;

/// <summary>Leases in the chat journal, with several "processes" (each its own connections and instance id) on one
/// real SQLite file: a live lease is never taken, an expired or released one is taken by exactly one process, a
/// renewed one outlives its first term, and a journal from before leases is migrated and taken over.</summary>
public sealed class ChatJournalLeaseTests
{
    private static readonly TimeSpan Lease = new ChatOptions().JournalLease;

    [Fact]
    public async Task ALiveLeaseIsNeverTakenAndAnExpiredOneGoesToExactlyOneOfTwoRacingProcesses()
    {
        using var folder = new TemporaryFolder();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var owner = Journal(folder, clock);
        await using var first = Journal(folder, clock);
        await using var second = Journal(folder, clock);
        var keys = Enumerable.Range(0, 40).Select(i => $"Test:{i}").ToList();
        foreach (var key in keys) Assert.True(await owner.TryAddAsync(Entry(key, clock), default));

        Assert.Empty(await first.TakeOverExpiredAsync(default));
        clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await second.TakeOverExpiredAsync(default));

        clock.Advance(TimeSpan.FromSeconds(2));
        var taken = await Task.WhenAll(first.TakeOverExpiredAsync(default), second.TakeOverExpiredAsync(default));
        Assert.Empty(taken[0].Select(e => e.Key).Intersect(taken[1].Select(e => e.Key)));
        Assert.Equal(keys.Order(), taken.SelectMany(t => t).Select(e => e.Key).Order());
        Assert.False(await owner.HoldsAsync(keys[0], default));
    }

    [Fact]
    public async Task ARenewedLeaseOutlivesItsFirstTermAndAReleasedOneIsTakenAtOnce()
    {
        using var folder = new TemporaryFolder();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var owner = Journal(folder, clock);
        await using var other = Journal(folder, clock);
        Assert.True(await owner.TryAddAsync(Entry("Test:renewed", clock), default));

        clock.Advance(Lease * 0.6);
        await owner.RenewAsync(default);
        clock.Advance(Lease * 0.6);
        Assert.Empty(await other.TakeOverExpiredAsync(default));
        Assert.True(await owner.HoldsAsync("Test:renewed", default));

        await owner.ReleaseAsync(null, default);
        Assert.Equal(["Test:renewed"], (await other.TakeOverExpiredAsync(default)).Select(e => e.Key));
        Assert.False(await owner.HoldsAsync("Test:renewed", default));
        Assert.True(await other.HoldsAsync("Test:renewed", default));
    }

    [Fact]
    public async Task AJournalFromBeforeLeasesIsMigratedOnceAndItsEntriesAreTakenOver()
    {
        using var folder = new TemporaryFolder();
        var database = folder.File("bot.db");
        await using (var old = new SqliteConnection($"Data Source={database};Pooling=false"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText = ChatJournal.Schema.Ddl + """
                INSERT INTO chat_journal VALUES ('Test:old', 'Test', 'corr-old', 'What changed?', '[]', '{}', 0);
                """;
            await create.ExecuteNonQueryAsync();
        }
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

        // Two processes opening the old file at once: each migration is applied by one of them.
        await using var first = Journal(folder, clock);
        await using var second = Journal(folder, clock);
        var taken = await Task.WhenAll(first.TakeOverExpiredAsync(default), second.TakeOverExpiredAsync(default));

        Assert.Equal(["Test:old"], taken.SelectMany(t => t).Select(e => e.Key));
        await using var check = new SqliteConnection($"Data Source={database};Pooling=false");
        await check.OpenAsync();
        await using var count = check.CreateCommand();
        count.CommandText = "SELECT count(*) FROM store_migrations WHERE owner = 'ChatJournal'";
        // Each migration once (leases, then the question's thread), however many processes opened the file.
        Assert.Equal((long)ChatJournal.Schema.Migrations.Count, await count.ExecuteScalarAsync());
        Assert.Null(Assert.Single(taken.SelectMany(t => t)).Question.Thread);
    }

    [Fact]
    public async Task AQuestionsThreadIsKeptForTheProcessThatTakesItOver()
    {
        using var folder = new TemporaryFolder();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var owner = Journal(folder, clock);
        await using var other = Journal(folder, clock);
        var question = new Question("has it vanished before?", ["who shut down allofmp3"]) { Thread = "slack:T1:C1:1700000000.000100" };
        Assert.True(await owner.TryAddAsync(new ChatJournalEntry("Test:thread", "Test", "corr", question, "{}", clock.GetUtcNow()), default));
        Assert.True(await owner.TryAddAsync(Entry("Test:alone", clock), default));

        clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var taken = (await other.TakeOverExpiredAsync(default)).ToDictionary(e => e.Key);
        // The recovered follow-up is answered in its thread: what that thread was given is found under this name.
        Assert.Equal(question, taken["Test:thread"].Question with { EarlierTurns = question.EarlierTurns });
        Assert.Equal(question.EarlierTurns, taken["Test:thread"].Question.EarlierTurns);
        Assert.Null(taken["Test:alone"].Question.Thread);
        Assert.Equal(question.Thread, Assert.Single(await other.LoadAsync(default), e => e.Key == "Test:thread").Question.Thread);
    }

    private static ChatJournalEntry Entry(string key, TimeProvider clock) =>
        new(key, "Test", "corr-" + key, new Question("What changed?"), "{}", clock.GetUtcNow());

    /// <summary>A journal as one process holds it: its own connections (so its own schema check) and instance id.</summary>
    private static ChatJournal Journal(TemporaryFolder folder, TimeProvider clock)
    {
        var connections = new SqliteConnections(Options.Create(new StorageOptions { Database = folder.File("bot.db") }), [ChatJournal.Schema]);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var health = new StoreWriteHealth(meters, clock, NullLogger<StoreWriteHealth>.Instance);
        return new ChatJournal(connections, health, StoreInstance.New(), Options.Create(new ChatOptions()), clock, NullLogger<ChatJournal>.Instance);
    }
}
