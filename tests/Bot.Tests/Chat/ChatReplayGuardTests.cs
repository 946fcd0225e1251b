using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Chat;
using Newsdesk.Discord.Interactions;
using Newsdesk.Storage;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Chat;

/// <summary>The replay guard in the shared store: an id seen by one process is a replay for another process and after
/// a restart (the in-memory guard forgot both), until its retention has passed.</summary>
public sealed class ChatReplayGuardTests
{
    [Fact]
    public async Task AnInteractionSeenByOneProcessIsAReplayForAnotherAndAfterARestartUntilItsRetentionPasses()
    {
        using var folder = new TemporaryFolder();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var first = Guard(folder, clock);
        await using var second = Guard(folder, clock);

        Assert.True(await new DiscordReplayGuard(first).TryClaimAsync("1150000000000000001", default));
        Assert.False(await new DiscordReplayGuard(second).TryClaimAsync("1150000000000000001", default));
        Assert.True(await new DiscordReplayGuard(second).TryClaimAsync("1150000000000000002", default));
        await using (var restarted = Guard(folder, clock))
            Assert.False(await new DiscordReplayGuard(restarted).TryClaimAsync("1150000000000000001", default));

        clock.Advance(DiscordReplayGuard.Retention + TimeSpan.FromSeconds(1));
        Assert.True(await new DiscordReplayGuard(first).TryClaimAsync("1150000000000000001", default));
    }

    [Fact]
    public async Task OfManyProcessesRacingForOneKeyExactlyOneWins()
    {
        using var folder = new TemporaryFolder();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var guards = Enumerable.Range(0, 4).Select(_ => Guard(folder, clock)).ToList();
        try
        {
            var wins = await Task.WhenAll(guards.SelectMany(g => Enumerable.Range(0, 5).Select(_ => g.TryClaimAsync("Slack:trigger:T1", TimeSpan.FromHours(1), default))));
            Assert.Single(wins, won => won);
        }
        finally
        {
            foreach (var guard in guards) await guard.DisposeAsync();
        }
    }

    private static ChatReplayGuard Guard(TemporaryFolder folder, TimeProvider clock)
    {
        var connections = new SqliteConnections(Options.Create(new StorageOptions { Database = folder.File("bot.db") }), [ChatReplayGuard.Schema]);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        return new ChatReplayGuard(connections, new StoreWriteHealth(meters, clock, NullLogger<StoreWriteHealth>.Instance), clock);
    }
}
