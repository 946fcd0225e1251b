using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Discord.Threads;
using Newsdesk.Storage;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Discord;

/// <summary>A Discord thread's turns over a real SQLite file: ordered by interaction id (a snowflake, which grows with
/// time) whatever order they were written in, the latest few kept, a repeated interaction written once, and still
/// there for a second process (or a restart) on the same file, and forgotten once older than the longest a follow-up
/// leans on.</summary>
public sealed class DiscordThreadTurnStoreTests : IDisposable
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    // Reads every stored turn, however old: what is still in the store, not what a follow-up is handed.
    private static readonly TimeSpan Forever = TimeSpan.FromDays(36_500);
    private readonly TemporaryFolder folder = new();
    private readonly List<SqliteConnections> opened = [];
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TurnsComeBackOldestFirstByInteractionId()
    {
        var store = Open();
        await store.AddTurnAsync("T1", 1_150_000_000_000_000_020, "second", 10, Week, default);
        await store.AddTurnAsync("T1", 1_150_000_000_000_000_010, "first", 10, Week, default);
        await store.AddTurnAsync("T2", 1_150_000_000_000_000_015, "elsewhere", 10, Week, default);

        Assert.Equal(["first", "second"], await store.LoadTurnsAsync("T1", 10, Week, default));
    }

    [Fact]
    public async Task OnlyTheLatestTurnsAreLoadedAndARepeatIsWrittenOnce()
    {
        var store = Open();
        for (var i = 1; i <= 4; i++) await store.AddTurnAsync("T1", 1_150_000_000_000_000_000 + i, $"turn {i}", 10, Week, default);
        await store.AddTurnAsync("T1", 1_150_000_000_000_000_004, "turn 4 again", 10, Week, default);

        Assert.Equal(["turn 3", "turn 4"], await store.LoadTurnsAsync("T1", 2, Week, default));
    }

    /// <summary>Turns older than the latest few are never handed to a follow-up, so they are not kept: a busy thread
    /// must not grow the store for good.</summary>
    [Fact]
    public async Task OnlyTheLatestTurnsAreKept()
    {
        var store = Open();
        for (var i = 1; i <= 5; i++) await store.AddTurnAsync("T1", 1_150_000_000_000_000_000 + i, $"turn {i}", 3, Week, default);
        await store.AddTurnAsync("T2", 1_150_000_000_000_000_010, "elsewhere", 3, Week, default);

        Assert.Equal(["turn 3", "turn 4", "turn 5"], await store.LoadTurnsAsync("T1", 10, Week, default));
        Assert.Equal(["elsewhere"], await store.LoadTurnsAsync("T2", 10, Week, default));
    }

    /// <summary>A thread that has ended is never written again, so another thread's write forgets it; a turn past the
    /// age is not handed to a follow-up even before that.</summary>
    [Fact]
    public async Task TurnsOlderThanTheMaximumAgeAreForgottenInEveryThread()
    {
        var store = Open();
        await store.AddTurnAsync("ENDED", 1_150_000_000_000_000_001, "who shut down allofmp3?", 10, Week, default);
        clock.Advance(TimeSpan.FromDays(6));
        await store.AddTurnAsync("LIVE", 1_150_000_000_000_000_002, "when did the us say that?", 10, Week, default);
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        Assert.Empty(await store.LoadTurnsAsync("ENDED", 10, Week, default));
        Assert.Equal(["who shut down allofmp3?"], await store.LoadTurnsAsync("ENDED", 10, Forever, default));
        await store.AddTurnAsync("OTHER", 1_150_000_000_000_000_003, "has it vanished before?", 10, Week, default);

        Assert.Empty(await store.LoadTurnsAsync("ENDED", 10, Forever, default));
        Assert.Equal(["when did the us say that?"], await store.LoadTurnsAsync("LIVE", 10, Week, default));
    }

    [Fact]
    public async Task AnotherStoreOnTheSameFileSeesTheTurns()
    {
        await Open().AddTurnAsync("T1", 1_150_000_000_000_000_001, "who shut down allofmp3?", 10, Week, default);

        Assert.Equal(["who shut down allofmp3?"], await Open().LoadTurnsAsync("T1", 10, Week, default));
    }

    private DiscordThreadTurnStore Open()
    {
        var connections = new SqliteConnections(Options.Create(new StorageOptions { Database = folder.File("bot.db") }), [DiscordThreadTurnStore.Schema]);
        opened.Add(connections);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        return new DiscordThreadTurnStore(connections, new StoreWriteHealth(meters, TimeProvider.System, NullLogger<StoreWriteHealth>.Instance), clock);
    }

    public void Dispose()
    {
        foreach (var connections in opened) connections.Dispose();
        folder.Dispose();
    }
}
