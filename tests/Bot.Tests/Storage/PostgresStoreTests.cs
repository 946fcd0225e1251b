using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Chat;
using Newsdesk.Storage;
using Newsdesk.Tests.Support;
using Npgsql;

namespace Newsdesk.Tests.Storage;

/// <summary>The chat journal's leases and the replay guard on a real PostgreSQL server, each "process" with its own
/// connection pool and instance id: replicas starting at once migrate once, a live lease is never taken, an expired one
/// goes to exactly one of two racing takers, and of many replicas handed one request exactly one runs it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresServer server)
{
    private static readonly TimeSpan Lease = new ChatOptions().JournalLease;

    [PostgresFact]
    public async Task ReplicasStartingAtOnceApplyEachMigrationOnce()
    {
        var connectionString = await server.DatabaseAsync(GetType());
        var applied = await PostgresServer.AppliedByReplicasStartingAtOnceAsync(
            Enumerable.Range(0, 4).Select(_ => Connections(connectionString)).ToList());
        Assert.Equal(["ChatJournal:1", "ChatJournal:2", "ChatReplayGuard:1", "ChatReplayGuard:2"], applied);
    }

    [PostgresFact]
    public async Task ALiveLeaseIsNeverTakenAndAnExpiredOneGoesToExactlyOneOfTwoRacingReplicas()
    {
        var connectionString = await server.DatabaseAsync(GetType());
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var ownerConnections = Connections(connectionString);
        await using var firstConnections = Connections(connectionString);
        await using var secondConnections = Connections(connectionString);
        var (owner, first, second) = (Journal(ownerConnections, clock), Journal(firstConnections, clock), Journal(secondConnections, clock));
        var keys = Enumerable.Range(0, 40).Select(i => $"Race:{Guid.NewGuid():N}").ToList();
        foreach (var key in keys)
            Assert.True(await owner.TryAddAsync(new ChatJournalEntry(key, "Test", "corr", new Question("What changed?"), "{}", clock.GetUtcNow()), default));

        Assert.Empty(await first.TakeOverExpiredAsync(default));
        clock.Advance(Lease / 2);
        await owner.RenewAsync(default);
        clock.Advance(Lease * 0.75);
        Assert.Empty(await second.TakeOverExpiredAsync(default));

        clock.Advance(Lease);
        var taken = await Task.WhenAll(first.TakeOverExpiredAsync(default), second.TakeOverExpiredAsync(default));
        Assert.Empty(taken[0].Select(e => e.Key).Intersect(taken[1].Select(e => e.Key)));
        Assert.Equal(keys.Order(), taken.SelectMany(t => t).Select(e => e.Key).Where(keys.Contains).Order());
        Assert.False(await owner.HoldsAsync(keys[0], default));

        var holder = taken[0].Any(e => e.Key == keys[0]) ? first : second;
        var other = holder == first ? second : first;
        await holder.ReleaseAsync(keys[0], default);
        Assert.Equal([keys[0]], (await other.TakeOverExpiredAsync(default)).Select(e => e.Key));
        await other.RemoveAsync(keys[0], default);
        Assert.False(await other.HoldsAsync(keys[0], default));
    }

    [PostgresFact]
    public async Task OfManyReplicasHandedOneRequestExactlyOneRunsItAndAReplayIsRefusedUntilItsRetentionPasses()
    {
        var connectionString = await server.DatabaseAsync(GetType());
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var replicas = Enumerable.Range(0, 4).Select(_ => Connections(connectionString)).ToList();
        try
        {
            var guards = replicas.Select(r => new PostgresChatReplayGuard(r, clock)).ToList();
            var key = $"Discord:{Guid.NewGuid():N}";
            var wins = await Task.WhenAll(guards.SelectMany(g => Enumerable.Range(0, 5).Select(_ => g.TryClaimAsync(key, TimeSpan.FromHours(1), default))));
            Assert.Single(wins, won => won);

            clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
            Assert.True(await guards[0].TryClaimAsync(key, TimeSpan.FromHours(1), default));
            Assert.False(await guards[1].TryClaimAsync(key, TimeSpan.FromHours(1), default));
        }
        finally
        {
            foreach (var replica in replicas) await replica.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task AReplayClaimRunAgainAfterItsCommitWasLostStillWinsAndNoOtherAttemptDoes()
    {
        var connectionString = await server.DatabaseAsync(GetType());
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var first = Connections(connectionString);
        await using var second = Connections(connectionString);
        var (guard, other) = (new PostgresChatReplayGuard(first, clock), new PostgresChatReplayGuard(second, clock));
        var key = $"Discord:{Guid.NewGuid():N}";

        Assert.True(await guard.TryClaimAsync(key, TimeSpan.FromHours(1), "attempt-1", default));
        // The same attempt once more: what the retry does when the connection was lost after the commit, before its answer.
        Assert.True(await guard.TryClaimAsync(key, TimeSpan.FromHours(1), "attempt-1", default));
        Assert.False(await other.TryClaimAsync(key, TimeSpan.FromHours(1), default));
        Assert.False(await guard.TryClaimAsync(key, TimeSpan.FromHours(1), "attempt-2", default));
    }

    private static PostgresConnections Connections(string connectionString) =>
        PostgresServer.Connections(connectionString, [PostgresChatJournal.Schema, PostgresChatReplayGuard.Schema]);

    private static PostgresChatJournal Journal(PostgresConnections connections, TimeProvider clock) =>
        new(connections, StoreInstance.New(), Options.Create(new ChatOptions()), clock, NullLogger<PostgresChatJournal>.Instance);
}
