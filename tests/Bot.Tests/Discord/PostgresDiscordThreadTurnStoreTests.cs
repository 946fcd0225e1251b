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
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero));

    [PostgresFact]
    public async Task ATurnOneReplicaRemembersIsReadByAnother()
    {
        await using var first = await ConnectionsAsync();
        await using var second = await ConnectionsAsync();
        var thread = $"{Random.Shared.NextInt64(1, long.MaxValue)}";

        await new PostgresDiscordThreadTurnStore(first, clock).AddTurnAsync(thread, 1_150_000_000_000_000_020, "has it vanished before?", 10, default);
        await new PostgresDiscordThreadTurnStore(second, clock).AddTurnAsync(thread, 1_150_000_000_000_000_010, "who shut down allofmp3?", 10, default);
        await new PostgresDiscordThreadTurnStore(second, clock).AddTurnAsync(thread, 1_150_000_000_000_000_020, "has it vanished before?", 10, default);

        Assert.Equal(["who shut down allofmp3?", "has it vanished before?"], await new PostgresDiscordThreadTurnStore(first, clock).LoadTurnsAsync(thread, 10, default));
        Assert.Equal(["has it vanished before?"], await new PostgresDiscordThreadTurnStore(second, clock).LoadTurnsAsync(thread, 1, default));
    }

    [PostgresFact]
    public async Task OnlyTheLatestTurnsAreKept()
    {
        await using var connections = await ConnectionsAsync();
        var store = new PostgresDiscordThreadTurnStore(connections, clock);
        var thread = $"{Random.Shared.NextInt64(1, long.MaxValue)}";

        for (var i = 1; i <= 5; i++) await store.AddTurnAsync(thread, 1_150_000_000_000_000_000 + i, $"turn {i}", 3, default);

        Assert.Equal(["turn 3", "turn 4", "turn 5"], await store.LoadTurnsAsync(thread, 10, default));
    }

    private async Task<PostgresConnections> ConnectionsAsync() =>
        PostgresServer.Connections(await server.DatabaseAsync(GetType()), [PostgresDiscordThreadTurnStore.Schema]);
}
