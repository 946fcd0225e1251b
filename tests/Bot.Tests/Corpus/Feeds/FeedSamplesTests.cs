using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Corpus;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Tests.Fakes.Feeds;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Corpus.Feeds;

/// <summary>The real poller and store reading feeds of every kind found in the wild from the fake feed server: every
/// feed is read, the one unreadable item is skipped without failing its feed, full texts are stored, and article
/// pages are decoded by the charset in their HTTP header or meta tag.</summary>
public sealed class FeedSamplesTests : IAsyncLifetime
{
    private static readonly string[] Samples =
        ["rss091-latin1.xml", "rss20-fulltext.xml", "rss10-rdf.xml", "atom-xmlbase.xml", "podcast.xml", "mixed-utf8-cp1252.xml", "windows-1252.xml"];

    private readonly TemporaryFolder folder = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 3, 10, 6, 0, 0, TimeSpan.Zero));
    private FakeFeedServer server = null!;

    public async Task InitializeAsync() => server = await FakeFeedServer.StartAsync(clock);

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task EveryKindOfFeedIsStoredAndAnUnreadableItemCostsOnlyItself()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Corpus:FeedAllowLoopback"] = "true",
            ["Corpus:FeedFetchTimeout"] = "00:00:05",
        };
        for (var i = 0; i < Samples.Length; i++)
        {
            settings[$"Corpus:Feeds:{i}:Url"] = server.SampleUrl(Samples[i]).AbsoluteUri;
            settings[$"Corpus:Feeds:{i}:Name"] = Samples[i];
        }
        Directory.CreateDirectory(folder.File("empty"));
        using var host = await CoreHost.CreateLoadedAsync(folder.File("news.db"), [folder.File("empty")], settings,
            services => services.AddSingleton<TimeProvider>(clock));

        var result = await host.Services.GetRequiredService<FeedPoller>().PollOnceAsync(default);

        Assert.Equal(Samples.Length, result.Polled);
        Assert.Equal(0, result.Failed);
        Assert.Equal(13, result.NewDocuments);
        var items = host.Services.GetRequiredService<IFeedItemStore>();
        foreach (var sample in Samples)
            Assert.Equal(0, (await items.GetStateAsync(server.SampleUrl(sample).AbsoluteUri, default)).Failures);

        var passages = await host.Services.GetRequiredService<IKnowledgeStore>().LoadPassagesAsync(default);
        string TextOf(string title) => string.Join(' ', passages.Where(p => p.Passage.Title == title).Select(p => p.Passage.Text));
        // The feed's full text, where the page had less to say.
        Assert.Contains("landmark royalty case", TextOf("Indie labels win royalty case"), StringComparison.Ordinal);
        // A page declaring Windows-1252 in a meta tag, and one declaring ISO-8859-1 only in the HTTP header.
        Assert.Contains("Beyoncé’s label welcomed the change", TextOf("Download chart expands"), StringComparison.Ordinal);
        Assert.Contains("signed at a café near the Opéra", TextOf("Streaming & the majors"), StringComparison.Ordinal);
        Assert.Contains("Björk has signed", TextOf("Björk signs with new label"), StringComparison.Ordinal);
        Assert.DoesNotContain(passages, p => p.Passage.Title == "An item with a date nobody can read");
        var documents = await host.Services.GetRequiredService<IKnowledgeStore>().ListDocumentsAsync(50, default);
        Assert.Equal(server.SampleUrl("pages/chart.html"), documents.Single(d => d.Title == "Download chart expands").Url);
    }
}
