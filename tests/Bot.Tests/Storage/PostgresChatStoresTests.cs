using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Chat;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Digest;
using Newsdesk.Slack;
using Newsdesk.Slack.Events;
using Newsdesk.Storage;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Storage;

/// <summary>The chat-side stores on a real PostgreSQL server, each "replica" with its own connection pool and
/// instance id: what one replica writes, another reads; of two replicas handed one Slack event exactly one claims it;
/// an accepted question's turn and journal entry are one commit, undone together; every change from chat is audited.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresChatStoresTests(PostgresServer server)
{
    private static readonly PostgresSchema[] Schemas =
    [
        PostgresChatJournal.Schema, PostgresAnswerFeedbackStore.Schema, PostgresSlackStore.Schema, PostgresAdminAuditLog.Schema,
        PostgresSlackChannelModeStore.Schema, PostgresChatFeedStore.Schema, PostgresDigestSubscriptionStore.Schema,
    ];

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero));

    [PostgresFact]
    public async Task AVoteOnOneReplicaReachesTheAnswerAnotherSaved()
    {
        await using var first = await ConnectionsAsync();
        await using var second = await ConnectionsAsync();
        var (saver, voter) = (new PostgresAnswerFeedbackStore(first, clock), new PostgresAnswerFeedbackStore(second, clock));
        var key = Guid.NewGuid().ToString("N");
        await saver.SaveAnswerAsync("Slack", key, new Answer("What did EMI earn?", true, "EMI's profits fell.", [], "offline", null, []), default);

        Assert.True(await voter.SaveVoteAsync("Slack", key, "U1", isHelpful: false, default));
        Assert.True(await voter.SaveVoteAsync("Slack", key, "U1", isHelpful: false, default));
        Assert.True(await saver.SaveVoteAsync("Slack", key, "U2", isHelpful: false, default));
        Assert.False(await voter.SaveVoteAsync("Discord", key, "U1", isHelpful: true, default));

        var day = Assert.Single(await saver.VotesPerDayAsync(1, clock.GetUtcNow(), default), d => d.Platform == "Slack");
        Assert.Equal(new FeedbackDay("2025-03-10", "Slack", 0, 2), day);
        Assert.Contains(new RatedAnswer("Slack", "What did EMI earn?", "EMI's profits fell.", 0, 2), await voter.WorstRatedAsync(5, default));
    }

    [PostgresFact]
    public async Task OfTwoReplicasHandedOneSlackEventExactlyOneClaimsIt()
    {
        await using var first = await ConnectionsAsync();
        await using var second = await ConnectionsAsync();
        var (one, other) = (Slack(first), Slack(second));
        var keys = Enumerable.Range(0, 20).Select(i => (IReadOnlyList<string>)[$"event:Ev{Guid.NewGuid():N}", $"message:C1:{i}"]).ToList();

        var wins = await Task.WhenAll(keys.SelectMany(k => new[] { one.TryClaimAsync(k, default), other.TryClaimAsync(k, default) }));

        Assert.Equal(keys.Count, wins.Count(won => won));
        for (var i = 0; i < keys.Count; i++) Assert.True(wins[2 * i] ^ wins[2 * i + 1]);
        // The message copy of a mention (another event id, the same message) is taken too.
        Assert.False(await one.TryClaimAsync([$"event:Ev{Guid.NewGuid():N}", "message:C1:0"], default));
    }

    [PostgresFact]
    public async Task AClaimRunAgainAfterItsCommitWasLostStillWinsItsKeysAndNoOtherAttemptDoes()
    {
        await using var first = await ConnectionsAsync();
        await using var second = await ConnectionsAsync();
        var (one, other) = (Slack(first), Slack(second));
        IReadOnlyList<string> keys = [$"event:Ev{Guid.NewGuid():N}", $"message:C9:{Guid.NewGuid():N}"];

        Assert.True(await one.TryClaimAsync(keys, "attempt-1", default));
        // The same attempt once more: what the retry does when the connection was lost after the commit, before its answer.
        // Before, it found its own keys taken and the event was acknowledged without an answer.
        Assert.True(await one.TryClaimAsync(keys, "attempt-1", default));
        Assert.False(await other.TryClaimAsync(keys, default));
        Assert.False(await one.TryClaimAsync(keys, "attempt-2", default));
    }

    [PostgresFact]
    public async Task AnAcceptedQuestionsTurnAndJournalEntryAreWrittenAndUndoneTogether()
    {
        await using var first = await ConnectionsAsync();
        await using var second = await ConnectionsAsync();
        var thread = $"{Guid.NewGuid():N}";
        var journal = Journal(first);
        var accepted = new SlackAcceptedQuestion("C1", thread, "2.000", "And the year before?",
            new ChatJournalEntry($"Slack:{thread}", "Slack", "corr", new Question("And the year before?"), "{}", clock.GetUtcNow()));
        await Slack(first).AcceptAsync(new SlackAcceptedQuestion("C1", thread, "1.000", "What did EMI earn?", accepted.Journal with { Key = $"Slack:{thread}:1" }), default);

        Assert.True(await Slack(first).AcceptAsync(accepted, default));

        Assert.Equal(["What did EMI earn?", "And the year before?"], await Slack(second).LoadTurnsAsync("C1", thread, 10, default));
        Assert.Contains(await Journal(second).LoadAsync(default), e => e.Key == accepted.Journal.Key);
        await Slack(second).ForgetAsync(accepted, default);
        Assert.Equal(["What did EMI earn?"], await Slack(first).LoadTurnsAsync("C1", thread, 10, default));
        Assert.DoesNotContain(await journal.LoadAsync(default), e => e.Key == accepted.Journal.Key);
    }

    [PostgresFact]
    public async Task ChangesFromChatAreSeenByEveryReplicaAndEachIsAudited()
    {
        await using var first = await ConnectionsAsync();
        await using var second = await ConnectionsAsync();
        var feed = new Uri($"https://example.org/{Guid.NewGuid():N}/rss");
        var channel = new DigestDestination(DigestPlatform.Slack, $"C{Guid.NewGuid():N}".ToUpperInvariant());

        Assert.True(await new PostgresChatFeedStore(first, clock).AddAsync(feed, "Label news", "discord:1", default));
        Assert.False(await new PostgresChatFeedStore(second, clock).AddAsync(feed, "Label news", "discord:2", default));
        Assert.Contains(await new PostgresChatFeedStore(second, clock).ListAsync(default), f => f.Url == feed && f.Name == "Label news" && f.AddedBy == "discord:1");
        Assert.True(await new PostgresDigestSubscriptionStore(second, clock).SubscribeAsync(channel, "slack:U1", default));
        Assert.Contains(await new PostgresDigestSubscriptionStore(first, clock).ListAsync(default), s => s.Destination == channel);
        var modes = new PostgresSlackChannelModeStore(first, clock);
        await modes.SetAsync(channel.Target, SlackChannelModeStore.All, "slack:U1", default);
        Assert.Equal(SlackChannelModeStore.All, await new PostgresSlackChannelModeStore(second, clock).GetAsync(channel.Target, default));
        await modes.SetAsync(channel.Target, SlackChannelModeStore.Mentions, "slack:U1", default);
        Assert.Equal(SlackChannelModeStore.Mentions, await modes.GetAsync(channel.Target, default));
        Assert.True(await new PostgresChatFeedStore(second, clock).RemoveAsync(feed, "discord:2", default));
        Assert.False(await new PostgresChatFeedStore(first, clock).RemoveAsync(feed, "discord:2", default));

        var audit = await new PostgresAdminAuditLog(second).ListAsync(5, default);
        Assert.Equal(
            ["feeds.remove " + feed.AbsoluteUri, "mode.mentions slack:" + channel.Target, "mode.all slack:" + channel.Target, "digest.subscribe " + channel.Key, "feeds.add " + feed.AbsoluteUri],
            audit.Select(a => $"{a.Action} {a.Subject}"));
    }

    private async Task<PostgresConnections> ConnectionsAsync() =>
        PostgresServer.Connections(await server.DatabaseAsync(GetType()), Schemas);

    private PostgresChatJournal Journal(PostgresConnections connections) =>
        new(connections, StoreInstance.New(), Options.Create(new ChatOptions()), clock, NullLogger<PostgresChatJournal>.Instance);

    private PostgresSlackStore Slack(PostgresConnections connections) =>
        new(connections, Journal(connections), Options.Create(new SlackOptions()), clock);
}
