using Microsoft.Extensions.Time.Testing;
using Newsdesk.Discord.Threads;
using Newsdesk.Storage;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Discord;

/// <summary>A Discord thread's turns on a real PostgreSQL server: what one replica remembers of a thread, another
/// reads, oldest first by interaction id, a repeated interaction written once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDiscordThreadTurnStoreTests(PostgresServer server)
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    // Reads every stored turn, however old: what is still in the store, not what a follow-up is handed.
    private static readonly TimeSpan Forever = TimeSpan.FromDays(36_500);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero));

    [PostgresFact]
    public async Task ATurnOneReplicaRemembersIsReadByAnother()
    {
        await using var first = await ConnectionsAsync();
        await using var second = await ConnectionsAsync();
        var thread = $"{Random.Shared.NextInt64(1, long.MaxValue)}";

        await new PostgresDiscordThreadTurnStore(first, clock).AddTurnAsync(thread, 1_150_000_000_000_000_020, "has it vanished before?", 10, Week, default);
        await new PostgresDiscordThreadTurnStore(second, clock).AddTurnAsync(thread, 1_150_000_000_000_000_010, "who shut down allofmp3?", 10, Week, default);
        await new PostgresDiscordThreadTurnStore(second, clock).AddTurnAsync(thread, 1_150_000_000_000_000_020, "has it vanished before?", 10, Week, default);

        Assert.Equal(["who shut down allofmp3?", "has it vanished before?"], await new PostgresDiscordThreadTurnStore(first, clock).LoadTurnsAsync(thread, 10, Week, default));
        Assert.Equal(["has it vanished before?"], await new PostgresDiscordThreadTurnStore(second, clock).LoadTurnsAsync(thread, 1, Week, default));
    }

    [PostgresFact]
    public async Task OnlyTheLatestTurnsAreKept()
    {
        await using var connections = await ConnectionsAsync();
        var store = new PostgresDiscordThreadTurnStore(connections, clock);
        var thread = $"{Random.Shared.NextInt64(1, long.MaxValue)}";

        for (var i = 1; i <= 5; i++) await store.AddTurnAsync(thread, 1_150_000_000_000_000_000 + i, $"turn {i}", 3, Week, default);

        Assert.Equal(["turn 3", "turn 4", "turn 5"], await store.LoadTurnsAsync(thread, 10, Week, default));
    }

    /// <summary>A thread that has ended is never written again, so another thread's write forgets it; a turn past the
    /// age is not handed to a follow-up even before that.</summary>
    [PostgresFact]
    public async Task TurnsOlderThanTheMaximumAgeAreForgottenInEveryThread()
    {
        await using var connections = await ConnectionsAsync();
        var store = new PostgresDiscordThreadTurnStore(connections, clock);
        var (ended, live, other) = ($"{Random.Shared.NextInt64(1, long.MaxValue)}", $"{Random.Shared.NextInt64(1, long.MaxValue)}", $"{Random.Shared.NextInt64(1, long.MaxValue)}");
        await store.AddTurnAsync(ended, 1_150_000_000_000_000_001, "who shut down allofmp3?", 10, Week, default);
        clock.Advance(TimeSpan.FromDays(6));
        await store.AddTurnAsync(live, 1_150_000_000_000_000_002, "when did the us say that?", 10, Week, default);
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        Assert.Empty(await store.LoadTurnsAsync(ended, 10, Week, default));
        Assert.Equal(["who shut down allofmp3?"], await store.LoadTurnsAsync(ended, 10, Forever, default));
        await store.AddTurnAsync(other, 1_150_000_000_000_000_003, "has it vanished before?", 10, Week, default);

        Assert.Empty(await store.LoadTurnsAsync(ended, 10, Forever, default));
        Assert.Equal(["when did the us say that?"], await store.LoadTurnsAsync(live, 10, Week, default));
    }

    private async Task<PostgresConnections> ConnectionsAsync() =>
        PostgresServer.Connections(await server.DatabaseAsync(GetType()), [PostgresDiscordThreadTurnStore.Schema]);
}
