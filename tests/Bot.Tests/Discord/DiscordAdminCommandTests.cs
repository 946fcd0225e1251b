using Newsdesk.Corpus.Feeds;
using Newsdesk.Digest;
using Newsdesk.Discord.Commands;
using Newsdesk.Storage;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Fakes.Feeds;
using Newsdesk.Tests.Support;
using static Newsdesk.Tests.Fakes.Discord.FakeAdminInteractions;

namespace Newsdesk.Tests.Discord;

/// <summary>Setting the bot up from Discord: each command with and without Manage Server, refusals private and naming
/// the permission, every change recorded with who made it.</summary>
public sealed class DiscordAdminCommandTests(DiscordAdminFixture fixture) : IClassFixture<DiscordAdminFixture>
{
    [Fact]
    public async Task FeedsAddWithoutManageServerIsRefusedPrivatelyAndNothingIsSaved()
    {
        var (_, body) = Subcommand("feeds", "add", [TextOption("url", "https://example.com/refused.xml")], permissions: Member);

        var data = await fixture.RunAsync(body);

        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        Assert.Contains("Manage Server", data.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await fixture.Get<ChatFeedStore>().ListAsync(default), f => f.Url.Host == "example.com");
    }

    [Theory]
    [InlineData("list", null)]
    [InlineData("remove", "feed")]
    public async Task OtherFeedsCommandsWithoutManageServerAreRefused(string subcommand, string? option)
    {
        var (_, body) = Subcommand("feeds", subcommand, option is null ? [] : [TextOption(option, "anything")], permissions: Member);

        var data = await fixture.RunAsync(body);

        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        Assert.Contains("Manage Server", data.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task FeedsAddShowsTheTitleAndLatestItemListShowsWhoAddedAndRemoveStopsIt()
    {
        fixture.Feeds.AddFeed("labels");
        fixture.Feeds.AddItem("labels", BbcArticle.Load("entertainment/103.txt"), DiscordAdminFixture.Midnight.AddDays(-2));
        fixture.Feeds.AddItem("labels", BbcArticle.Load("entertainment/266.txt"), DiscordAdminFixture.Midnight.AddDays(-1));
        var url = fixture.Feeds.FeedUrl("labels").AbsoluteUri;

        var added = await fixture.RunAsync(Subcommand("feeds", "add", [TextOption("url", url), TextOption("name", "Label news")]).Body);
        var listed = await fixture.RunAsync(Subcommand("feeds", "list").Body);
        var again = await fixture.RunAsync(Subcommand("feeds", "add", [TextOption("url", url)]).Body);

        Assert.Equal(64, added.GetProperty("flags").GetInt32());
        Assert.Contains("Feed added", DiscordAdminFixture.Text(added), StringComparison.Ordinal);
        Assert.Contains(BbcArticle.Load("entertainment/266.txt").Title.Split(' ')[0], DiscordAdminFixture.Text(added), StringComparison.Ordinal);
        Assert.Contains($"Label news** <{url}> — added by <@{AdminId}>", DiscordAdminFixture.Text(listed), StringComparison.Ordinal);
        Assert.Contains("already follow", DiscordAdminFixture.Text(again), StringComparison.Ordinal);
        // Seeded silently: its two items are stored, as back catalogue only.
        var state = await fixture.Get<IFeedItemStore>().GetStateAsync(url, default);
        Assert.True(state.IsSeeded);
        Assert.Empty(await fixture.Get<IFeedItemStore>().ListArrivedAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, default));

        var removed = await fixture.RunAsync(Subcommand("feeds", "remove", [TextOption("feed", "Label news")]).Body);

        Assert.Contains("no longer follow", DiscordAdminFixture.Text(removed), StringComparison.Ordinal);
        Assert.DoesNotContain(await fixture.Get<FeedCatalog>().ListAsync(default), f => f.Url.AbsoluteUri == url);
        var audit = await fixture.Get<AdminAuditLog>().ListAsync(10, default);
        Assert.Contains(audit, c => (c.Actor, c.Action, c.Subject) == ($"discord:{AdminId}", "feeds.add", url));
        Assert.Contains(audit, c => (c.Actor, c.Action, c.Subject) == ($"discord:{AdminId}", "feeds.remove", url));
    }

    [Fact]
    public async Task AnAddressThatIsNotAFeedOrNotAllowedIsRefusedAndNotSaved()
    {
        var notHttp = await fixture.RunAsync(Subcommand("feeds", "add", [TextOption("url", "file:///etc/passwd")]).Body);
        var privateAddress = await fixture.RunAsync(Subcommand("feeds", "add", [TextOption("url", "http://10.0.0.1/feed.xml")]).Body);

        Assert.Contains("not an http or https address", DiscordAdminFixture.Text(notHttp), StringComparison.Ordinal);
        Assert.Contains("could not read", DiscordAdminFixture.Text(privateAddress), StringComparison.Ordinal);
        Assert.DoesNotContain(await fixture.Get<ChatFeedStore>().ListAsync(default), f => f.Url.Host == "10.0.0.1");
    }

    [Fact]
    public async Task DigestSubscribeNeedsManageServerAndTheBotsPermissionsInTheChannel()
    {
        const string channel = "645027906669510001";
        var refused = await fixture.RunAsync(Subcommand("digest", "subscribe", [Channel(channel)], permissions: Member).Body);
        var unsubscribeRefused = await fixture.RunAsync(Subcommand("digest", "unsubscribe", permissions: Member).Body);
        var botCannotPost = await fixture.RunAsync(Subcommand("digest", "subscribe", appPermissions: "3072").Body);

        Assert.Contains("Manage Server", DiscordAdminFixture.Text(refused), StringComparison.Ordinal);
        Assert.Contains("Manage Server", DiscordAdminFixture.Text(unsubscribeRefused), StringComparison.Ordinal);
        Assert.Contains("Embed Links", DiscordAdminFixture.Text(botCannotPost), StringComparison.Ordinal);
        Assert.DoesNotContain(await fixture.Get<DigestSubscriptionStore>().ListAsync(default), s => s.Destination.Target is ChannelId or channel);
    }

    [Fact]
    public async Task DigestSubscribeWhenAndUnsubscribeChangeTheDestinationsAtOnce()
    {
        var subscribed = await fixture.RunAsync(Subcommand("digest", "subscribe").Body);
        var when = await fixture.RunAsync(Subcommand("digest", "when").Body);
        var destinations = await fixture.Get<DigestDestinations>().ListAsync(default);
        var unsubscribed = await fixture.RunAsync(Subcommand("digest", "unsubscribe").Body);

        Assert.Contains($"<#{ChannelId}> gets the daily digest", DiscordAdminFixture.Text(subscribed), StringComparison.Ordinal);
        Assert.Contains("Tuesday 11 March 2025 at 08:00 (Europe/London)", DiscordAdminFixture.Text(when), StringComparison.Ordinal);
        Assert.Contains($"<#{ChannelId}>", DiscordAdminFixture.Text(when), StringComparison.Ordinal);
        Assert.Contains(destinations, d => d.Destination.Key == $"discord:{ChannelId}" && d.AddedBy == $"discord:{AdminId}");
        Assert.Contains("no longer gets", DiscordAdminFixture.Text(unsubscribed), StringComparison.Ordinal);
        Assert.DoesNotContain(await fixture.Get<DigestDestinations>().ListAsync(default), d => d.Destination.Key == $"discord:{ChannelId}");
    }

    [Fact]
    public async Task HelpIsPrivateAndNamesTheSetUpCommands()
    {
        var data = await fixture.RunAsync(Command("help").Body);

        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        Assert.Contains("/feeds add", DiscordAdminFixture.Text(data), StringComparison.Ordinal);
        Assert.Contains(DiscordCommandCatalog.AskAboutMessage, DiscordAdminFixture.Text(data), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMessageCommandAnswersAboutTheMessagesTextPrivately()
    {
        var data = await fixture.RunAsync(MessageCommand(DiscordCommandCatalog.AskAboutMessage, "Who shut down AllofMP3?").Body);

        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        var embed = data.GetProperty("embeds")[0];
        Assert.Equal("Who shut down AllofMP3?", embed.GetProperty("title").GetString());
        Assert.Contains("[1]", embed.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMessageCommandOnAMessageWithoutTextSaysSo()
    {
        var data = await fixture.RunAsync(MessageCommand(DiscordCommandCatalog.AskAboutMessage, "  ").Body);

        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        Assert.Contains("no text", data.GetProperty("content").GetString(), StringComparison.Ordinal);
    }
}
