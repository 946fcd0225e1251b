using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Corpus;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Tests.Fakes.Feeds;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Corpus.Feeds;

/// <summary>The real poller and store against feeds on loopback, with a fake clock for the simulated days.</summary>
public sealed class FeedPollerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Day1 = new(2025, 3, 10, 6, 0, 0, TimeSpan.Zero);
    private readonly TemporaryFolder folder = new();
    private readonly FakeTimeProvider clock = new(Day1);
    private FakeFeedServer server = null!;

    public async Task InitializeAsync() => server = await FakeFeedServer.StartAsync(clock);

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        folder.Dispose();
    }

    private async Task<IHost> HostAsync(IDictionary<string, string?> feeds)
    {
        var settings = new Dictionary<string, string?>(feeds)
        {
            ["Corpus:FeedAllowLoopback"] = "true",
            ["Corpus:FeedPollInterval"] = "01:00:00",
            ["Corpus:FeedFetchTimeout"] = "00:00:02",
            ["Corpus:FeedMaxBytes"] = "1000000",
            ["Corpus:ArticleMaxBytes"] = "500000",
        };
        Directory.CreateDirectory(folder.File("empty"));
        return await CoreHost.CreateLoadedAsync(folder.File("news.db"), [folder.File("empty")], settings,
            services => services.AddSingleton<TimeProvider>(clock));
    }

    private Dictionary<string, string?> Feed(int index, string name) => new()
    {
        [$"Corpus:Feeds:{index}:Url"] = server.FeedUrl(name).AbsoluteUri,
        [$"Corpus:Feeds:{index}:Name"] = name,
    };

    [SharedFact]
    public async Task ANewFeedIsSeededSilentlyAndOnlyLaterItemsCountAsNews()
    {
        server.AddFeed("music", FeedFormat.Rss);
        server.AddItem("music", BbcArticle.Load("entertainment/103.txt"), Day1.AddDays(-2));
        server.AddItem("music", BbcArticle.Load("tech/092.txt"), Day1.AddDays(-1));
        server.AddItem("music", BbcArticle.Load("entertainment/266.txt"), Day1.AddHours(20));
        using var host = await HostAsync(Feed(0, "music"));
        var poller = host.Services.GetRequiredService<FeedPoller>();
        var items = host.Services.GetRequiredService<IFeedItemStore>();

        Assert.Equal(2, (await poller.PollOnceAsync(default)).NewDocuments);
        Assert.Empty(await items.ListArrivedAsync(Day1.AddDays(-7), clock.GetUtcNow(), default));

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, (await poller.PollOnceAsync(default)).NewDocuments);
        var arrived = Assert.Single(await items.ListArrivedAsync(Day1, clock.GetUtcNow(), default));
        Assert.Equal("Help for indies in download sales", arrived.Title);
        Assert.Equal("music", arrived.FeedName);
        Assert.Equal(server.ArticleUrl(BbcArticle.Load("entertainment/266.txt")), arrived.Link);

        // The story is searchable with its link and feed name, and its text came from the article page.
        var documents = await host.Services.GetRequiredService<IKnowledgeStore>().ListDocumentsAsync(10, default);
        var stored = Assert.Single(documents, d => d.Title == "Help for indies in download sales");
        Assert.Equal("music", stored.FeedName);
        Assert.Equal(arrived.Link, stored.Url);
    }

    [SharedFact]
    public async Task AnUnchangedFeedIsAskedWithItsETagAndAnswersNotModified()
    {
        server.AddFeed("atom", FeedFormat.Atom);
        server.AddItem("atom", BbcArticle.Load("tech/263.txt"), Day1.AddHours(-3));
        using var host = await HostAsync(Feed(0, "atom"));
        var poller = host.Services.GetRequiredService<FeedPoller>();

        await poller.PollOnceAsync(default);
        clock.Advance(TimeSpan.FromHours(1));
        var second = await poller.PollOnceAsync(default);

        Assert.Equal(0, second.NewDocuments);
        Assert.Equal(2, server.Feed("atom").Requests);
        Assert.Equal(1, server.Feed("atom").NotModified);
    }

    [SharedFact]
    public async Task AFeedThatRewritesGuidsAndDatesStoresEachStoryOnce()
    {
        server.AddFeed("rewriter", FeedFormat.Rss, FeedBehaviour.RewritesGuids);
        server.AddFeed("copy", FeedFormat.Atom);
        var story = BbcArticle.Load("tech/075.txt");
        server.AddItem("rewriter", story, Day1.AddHours(-1));
        server.AddItem("copy", story, Day1.AddHours(-1));
        using var host = await HostAsync(new Dictionary<string, string?>(Feed(0, "rewriter").Concat(Feed(1, "copy"))));
        var poller = host.Services.GetRequiredService<FeedPoller>();

        for (var i = 0; i < 3; i++)
        {
            await poller.PollOnceAsync(default);
            clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(3, server.Feed("rewriter").Requests);
        var documents = await host.Services.GetRequiredService<IKnowledgeStore>().ListDocumentsAsync(10, default);
        Assert.Single(documents, d => d.Title == story.Title);
    }

    [SharedFact]
    public async Task BrokenSlowAndOversizedFeedsBackOffWithoutStoppingTheOthers()
    {
        server.AddFeed("good");
        server.AddFeed("broken", behaviour: FeedBehaviour.Broken);
        server.AddFeed("slow", behaviour: FeedBehaviour.Slow);
        server.AddFeed("huge", behaviour: FeedBehaviour.Oversized);
        var big = BbcArticle.Load("tech/286.txt");
        server.AddItem("good", big, Day1.AddHours(-1));
        server.AddItem("huge", BbcArticle.Load("tech/145.txt"), Day1.AddHours(-1));
        server.MakeArticleOversized(big);
        using var host = await HostAsync(new Dictionary<string, string?>(
            Feed(0, "broken").Concat(Feed(1, "slow")).Concat(Feed(2, "huge")).Concat(Feed(3, "good"))));
        var poller = host.Services.GetRequiredService<FeedPoller>();
        var items = host.Services.GetRequiredService<IFeedItemStore>();

        var first = await poller.PollOnceAsync(default);

        Assert.Equal(3, first.Failed);
        Assert.Equal(1, first.NewDocuments);
        // The article page was over the limit, so the feed's own text (its first paragraph) was stored instead.
        var documents = await host.Services.GetRequiredService<IKnowledgeStore>().ListDocumentsAsync(10, default);
        Assert.Single(documents, d => d.Title == big.Title);
        foreach (var name in new[] { "broken", "slow", "huge" })
        {
            var state = await items.GetStateAsync(server.FeedUrl(name).AbsoluteUri, default);
            Assert.Equal(1, state.Failures);
            Assert.True(state.NextAttemptAt > clock.GetUtcNow());
        }

        // An hour later the good feed is polled again; the failed ones wait out their doubled backoff.
        clock.Advance(TimeSpan.FromHours(1));
        await poller.PollOnceAsync(default);
        Assert.Equal(1, server.Feed("broken").Requests);
        Assert.Equal(2, server.Feed("good").Requests);
        clock.Advance(TimeSpan.FromHours(1));
        await poller.PollOnceAsync(default);
        Assert.Equal(2, server.Feed("broken").Requests);
        Assert.Equal(2, (await items.GetStateAsync(server.FeedUrl("broken").AbsoluteUri, default)).Failures);
    }

    [SharedFact]
    public async Task LoopbackFeedsAreRefusedUnlessTheTestSettingAllowsThem()
    {
        server.AddFeed("music");
        server.AddItem("music", BbcArticle.Load("entertainment/103.txt"), Day1.AddHours(-1));
        var settings = Feed(0, "music");
        settings["Corpus:FeedAllowLoopback"] = "false";
        Directory.CreateDirectory(folder.File("empty"));
        using var host = await CoreHost.CreateLoadedAsync(folder.File("refused.db"), [folder.File("empty")], settings,
            services => services.AddSingleton<TimeProvider>(clock));

        var result = await host.Services.GetRequiredService<FeedPoller>().PollOnceAsync(default);

        Assert.Equal(1, result.Failed);
        Assert.Equal(0, server.Feed("music").Requests);
    }
}
