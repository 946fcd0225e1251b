using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Tests.Fakes.Feeds;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Corpus.Feeds;

/// <summary>Each feed's health (last success, last error, failures in a row, items stored) as the poller records it,
/// and as the <c>feeds</c> verb, <c>/readyz</c> and <c>/metrics</c> show it.</summary>
public sealed class FeedHealthTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 3, 10, 6, 0, 0, TimeSpan.Zero);
    private readonly TemporaryFolder folder = new();
    private readonly FakeTimeProvider clock = new(Start);
    private FakeFeedServer server = null!;

    public async Task InitializeAsync() => server = await FakeFeedServer.StartAsync(clock);

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        folder.Dispose();
    }

    private string[] Settings()
    {
        server.AddFeed("broken", behaviour: FeedBehaviour.Broken);
        Directory.CreateDirectory(folder.File("empty"));
        return [
            $"--Storage:Database={folder.File("news.db")}", "--corpus", folder.File("empty"), "--Corpus:FeedAllowLoopback=true",
            "--Corpus:FeedPollInterval=00:00:01", "--Corpus:FeedMaxBackoff=00:00:01",
            $"--Corpus:Feeds:0:Url={server.SampleUrl("rss10-rdf.xml")}", "--Corpus:Feeds:0:Name=RDF Music",
            $"--Corpus:Feeds:1:Url={server.FeedUrl("broken")}", "--Corpus:Feeds:1:Name=Broken",
        ];
    }

    [Fact]
    public async Task ThePollerRecordsSuccessesFailuresInARowAndItemsStoredAndTheFeedsVerbListsThem()
    {
        var settings = Settings();
        using (var host = await CoreHost.CreateLoadedAsync(folder.File("news.db"), [folder.File("empty")],
            settings.Where(s => s.StartsWith("--Corpus:", StringComparison.Ordinal)).Select(s => s[2..].Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1]),
            services => services.AddSingleton<TimeProvider>(clock)))
        {
            var poller = host.Services.GetRequiredService<FeedPoller>();
            await poller.PollOnceAsync(default);
            clock.Advance(TimeSpan.FromMinutes(1));
            await poller.PollOnceAsync(default);

            var health = await host.Services.GetRequiredService<FeedHealthStore>().ListAsync(default);
            var rdf = health[0];
            Assert.Equal("RDF Music", rdf.Name);
            Assert.Equal(Start.AddMinutes(1), rdf.LastSuccessAt);
            Assert.Equal(0, rdf.ConsecutiveFailures);
            Assert.Equal(2, rdf.ItemsStored);
            var broken = health[1];
            Assert.Null(broken.LastSuccessAt);
            Assert.Equal(2, broken.ConsecutiveFailures);
            Assert.Equal(Start.AddMinutes(1), broken.LastErrorAt);
            Assert.Contains("not well-formed", broken.LastError, StringComparison.Ordinal);
        }

        var listed = await BotProcess.RunAsync(["feeds", .. settings], folder.Path, TimeSpan.FromMinutes(1));

        Assert.Equal(1, listed.ExitCode);
        var lines = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("RDF Music (", lines[0], StringComparison.Ordinal);
        Assert.Contains("last success 2025-03-10 06:01Z, 2 items stored", lines[0], StringComparison.Ordinal);
        Assert.Contains("never read yet, 0 items stored, 2 failures in a row, last error 2025-03-10 06:01Z: The feed is not well-formed", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFeedAddedFromChatIsListedWithItsHealthBesideTheConfiguredOnes()
    {
        var settings = Settings();
        server.AddFeed("chat-added");
        using var host = await CoreHost.CreateLoadedAsync(folder.File("news.db"), [folder.File("empty")],
            settings.Where(s => s.StartsWith("--Corpus:", StringComparison.Ordinal)).Select(s => s[2..].Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1]),
            services => services.AddSingleton<TimeProvider>(clock));
        await host.Services.GetRequiredService<ChatFeedStore>().AddAsync(server.FeedUrl("chat-added"), "Chat Added", "discord:42", default);

        await host.Services.GetRequiredService<FeedPoller>().PollOnceAsync(default);
        var health = await host.Services.GetRequiredService<FeedHealthStore>().ListAsync(default);

        Assert.Equal(["RDF Music", "Broken", "Chat Added"], health.Select(h => h.Name));
        Assert.Equal(Start, health[2].LastSuccessAt);
    }

    [Fact]
    public async Task ReadyzAndMetricsShowEachFeedsHealth()
    {
        var (app, address) = await RunningServer.StartAsync(Settings());
        await using (app)
        {
            using var http = new HttpClient { BaseAddress = address };
            var readyz = "";
            // The first poll starts once the corpus is loaded; a bounded series of short awaits for it to land.
            for (var attempt = 0; attempt < 300 && !(readyz.Contains("RDF Music", StringComparison.Ordinal) && readyz.Contains("last success", StringComparison.Ordinal)
                && readyz.Contains("failure", StringComparison.Ordinal)); attempt++)
            {
                await Task.Delay(100);
                readyz = await http.GetStringAsync("readyz");
            }

            Assert.StartsWith("ready", readyz, StringComparison.Ordinal);
            Assert.Contains("feed RDF Music (", readyz, StringComparison.Ordinal);
            Assert.Contains("2 items stored", readyz, StringComparison.Ordinal);
            Assert.Contains("feed Broken (", readyz, StringComparison.Ordinal);
            Assert.Contains("in a row, last error", readyz, StringComparison.Ordinal);
            var metrics = await http.GetStringAsync("metrics");
            Assert.Matches("newsdesk_feed_items_stored\\{[^}]*feed=\"RDF Music\"[^}]*\\} 2\n", metrics);
            Assert.Matches("newsdesk_feed_consecutive_failures\\{[^}]*feed=\"Broken\"[^}]*\\} [1-9]", metrics);
            Assert.Matches("newsdesk_feed_last_success_seconds\\{[^}]*feed=\"RDF Music\"[^}]*\\} [1-9]", metrics);
        }
    }
}
