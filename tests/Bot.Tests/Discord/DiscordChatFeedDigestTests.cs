using Newsdesk.Corpus.Feeds;
using Newsdesk.Digest;
using Newsdesk.Tests.Fakes.Feeds;
using Newsdesk.Tests.Support;
using static Newsdesk.Tests.Fakes.Discord.FakeAdminInteractions;

namespace Newsdesk.Tests.Discord;

/// <summary>Set up entirely from Discord: a feed added and a channel subscribed from chat, no configuration and no
/// restart; the feed's next story reaches that channel's next digest, once.</summary>
public sealed class DiscordChatFeedDigestTests : IAsyncLifetime
{
    private readonly DiscordAdminFixture fixture = new();

    public Task InitializeAsync() => fixture.InitializeAsync();

    public async Task DisposeAsync()
    {
        await fixture.DisposeAsync();
        fixture.Dispose();
    }

    [SharedFact]
    public async Task AFeedAddedFromChatIsPolledAndItsNewStoryReachesTheSubscribedChannelsNextDigest()
    {
        var old = BbcArticle.Load("entertainment/103.txt");
        var fresh = BbcArticle.Load("tech/092.txt");
        fixture.Feeds.AddFeed("chat");
        fixture.Feeds.AddItem("chat", old, DiscordAdminFixture.Midnight.AddDays(-1));
        await fixture.RunAsync(Subcommand("feeds", "add", [TextOption("url", fixture.Feeds.FeedUrl("chat").AbsoluteUri), TextOption("name", "Chat feed")]).Body);
        await fixture.RunAsync(Subcommand("digest", "subscribe").Body);

        fixture.Feeds.AddItem("chat", fresh, DiscordAdminFixture.Midnight.AddHours(3));
        fixture.Clock.SetUtcNow(DiscordAdminFixture.Midnight.AddHours(3));
        await fixture.Get<FeedPoller>().PollOnceAsync(default);
        fixture.Clock.SetUtcNow(DiscordAdminFixture.Midnight.AddHours(8));
        // The scheduler in the background wakes at 08:00 too; the ledger lets one of the two post.
        await fixture.Get<DigestScheduler>().RunDueAsync(default);
        await fixture.Discord.WaitForAsync(r => r.Method == "POST" && r.Path == $"/api/v10/channels/{ChannelId}/messages");
        await fixture.Get<DigestScheduler>().RunDueAsync(default);
        var slot = await PostedSlotAsync();

        var posted = Assert.Single(fixture.Discord.ChannelMessages(ChannelId));
        Assert.Contains("Norway upholds", posted, StringComparison.Ordinal);
        Assert.DoesNotContain(old.Title.Split(' ')[0] + " " + old.Title.Split(' ')[1], posted, StringComparison.Ordinal);
        Assert.Equal((DigestSlotState.Posted, $"discord:{ChannelId}"), (slot.State, slot.Destination));
    }

    /// <summary>Whichever scheduler posted records the message id just after Discord answered: wait for that record
    /// (an event, bounded), not for time to pass.</summary>
    private async Task<DigestSlot> PostedSlotAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var slot = Assert.Single(await fixture.Get<IDigestLedger>().ListAsync(default));
            if (slot.State != DigestSlotState.Sending || attempt == 400) return slot;
            await Task.Delay(25);
        }
    }
}
