using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Chat;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Digest;
using Newsdesk.Tests.Fakes.Feeds;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Replicas;

/// <summary>Replicas on one PostgreSQL database, each with a SQLite file of its own, so whatever they agree on went
/// through PostgreSQL: a document one process ingests is answered by another without a restart, two concurrent
/// <c>digest --post-now</c> runs post one digest, two replicas polling one feed store its items once, and the feed
/// health one replica records is what every replica reports.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCorpusReplicaTests(PostgresServer server) : IDisposable
{
    private static readonly DateTimeOffset Day1 = new(2025, 3, 10, 6, 0, 0, TimeSpan.Zero);
    private readonly TemporaryFolder folder = new();

    [PostgresFact]
    public async Task ADocumentIngestedByOneProcessIsAnsweredByAnotherReplicaWithoutARestart()
    {
        var connectionString = await server.DatabaseAsync(GetType());
        using var replica = await CoreHost.CreateLoadedAsync(folder.File("replica.db"), [TestPaths.Seeds], Postgres(connectionString));
        var index = replica.Services.GetRequiredService<PassageIndexHolder>();
        var answerer = replica.Services.GetRequiredService<IQuestionAnswerer>();
        const string Question = "Which label signed the Quintessa Ensemble?";
        Assert.False((await answerer.AnswerAsync(new Question(Question), default)).IsAnswered);
        Assert.False(await index.ReloadIfChangedAsync(default));

        var article = folder.File("import/quintessa.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(article)!);
        await File.WriteAllTextAsync(article, "Zorblat Records signs the Quintessa Ensemble\n\n" +
            "Zorblat Records has signed the Quintessa Ensemble, the folk group said on Tuesday. " +
            "The Quintessa Ensemble will release its first album with Zorblat Records in the autumn.\n");
        var ingest = await BotProcess.RunAsync(["ingest", article, "--corpus", TestPaths.Seeds, $"--Storage:Database={folder.File("ingester.db")}",
            "--Storage:Provider=PostgreSQL"], folder.Path, TimeSpan.FromMinutes(4), environment: Secrets(connectionString));
        Assert.True(ingest.ExitCode == 0, ingest.Errors);

        Assert.True(await index.ReloadIfChangedAsync(default));
        var answer = await answerer.AnswerAsync(new Question(Question), default);
        Assert.True(answer.IsAnswered, answer.Text);
        Assert.Contains(answer.Citations, c => c.Source.EndsWith("quintessa.txt", StringComparison.Ordinal));
        Assert.False(await index.ReloadIfChangedAsync(default));
    }

    [PostgresFact]
    public async Task TwoConcurrentDigestPostNowRunsPostOneDigest()
    {
        var connectionString = await server.DatabaseAsync(GetType());
        await using var webhook = await FakeDiscordWebhook.StartAsync();
        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => BotProcess.RunAsync(
            ["digest", "--post-now", $"--Digest:Destinations:0={webhook.WebhookUrl}", "--corpus", TestPaths.Seeds,
                $"--Storage:Database={folder.File($"digest-{i}.db")}", "--Storage:Provider=PostgreSQL"],
            folder.Path, TimeSpan.FromMinutes(4), environment: Secrets(connectionString))));

        Assert.All(runs, run => Assert.False(run.TimedOut));
        Assert.Single(webhook.Posts);
        Assert.Single(runs, run => run.Output.Contains(": Posted", StringComparison.Ordinal));
        // The other run either found the slot claimed (Busy, exit 1) or already posted (AlreadyDone, exit 0).
        Assert.Single(runs, run => run.Output.Contains(": Busy", StringComparison.Ordinal) || run.Output.Contains(": AlreadyDone", StringComparison.Ordinal));
    }

    [PostgresSharedFact]
    public async Task TwoReplicasPollingOneFeedAtOnceFetchItOnceAndStoreItsItemsOnce()
    {
        var connectionString = await server.DatabaseAsync(GetType());
        var clock = new FakeTimeProvider(Day1);
        await using var feeds = await FakeFeedServer.StartAsync(clock);
        var name = $"music{Guid.NewGuid():N}";
        feeds.AddFeed(name, FeedFormat.Rss);
        feeds.AddItem(name, BbcArticle.Load("entertainment/103.txt"), Day1.AddDays(-2));
        feeds.AddItem(name, BbcArticle.Load("entertainment/266.txt"), Day1.AddDays(-1));
        var settings = new Dictionary<string, string?>(Postgres(connectionString))
        {
            ["Corpus:FeedAllowLoopback"] = "true",
            ["Corpus:FeedPollInterval"] = "01:00:00",
            ["Corpus:Feeds:0:Url"] = feeds.FeedUrl(name).AbsoluteUri,
            ["Corpus:Feeds:0:Name"] = name,
        };
        using var first = await CoreHost.CreateLoadedAsync(folder.File("first.db"), [TestPaths.Seeds], settings, s => s.AddSingleton<TimeProvider>(clock));
        using var second = await CoreHost.CreateLoadedAsync(folder.File("second.db"), [TestPaths.Seeds], settings, s => s.AddSingleton<TimeProvider>(clock));

        var polls = await Task.WhenAll(new[] { first, second }.Select(h => h.Services.GetRequiredService<FeedPoller>().PollOnceAsync(default)));

        Assert.Equal(1, feeds.Feed(name).Requests);
        Assert.Equal(2, polls.Sum(p => p.NewDocuments));
        var items = second.Services.GetRequiredService<IFeedItemStore>();
        Assert.Equal(2, await items.CountAsync(feeds.FeedUrl(name).AbsoluteUri, default));
        Assert.True((await items.GetStateAsync(feeds.FeedUrl(name).AbsoluteUri, default)).IsSeeded);
    }

    [PostgresFact]
    public async Task FeedHealthRecordedByOneReplicaIsWhatEveryReplicaReports()
    {
        var connectionString = await server.DatabaseAsync(GetType());
        var clock = new FakeTimeProvider(Day1);
        await using var feeds = await FakeFeedServer.StartAsync(clock);
        var (working, broken) = ($"working{Guid.NewGuid():N}", $"broken{Guid.NewGuid():N}");
        feeds.AddFeed(working);
        feeds.AddFeed(broken, behaviour: FeedBehaviour.Broken);
        var settings = new Dictionary<string, string?>(Postgres(connectionString))
        {
            ["Corpus:FeedAllowLoopback"] = "true",
            ["Corpus:FeedPollInterval"] = "00:00:01",
            ["Corpus:FeedMaxBackoff"] = "00:00:01",
            ["Corpus:Feeds:0:Url"] = feeds.FeedUrl(working).AbsoluteUri,
            ["Corpus:Feeds:0:Name"] = working,
            ["Corpus:Feeds:1:Url"] = feeds.FeedUrl(broken).AbsoluteUri,
            ["Corpus:Feeds:1:Name"] = broken,
        };
        using var poller = await CoreHost.CreateLoadedAsync(folder.File("poller.db"), [TestPaths.Seeds], settings, s => s.AddSingleton<TimeProvider>(clock));
        using var other = await CoreHost.CreateLoadedAsync(folder.File("other.db"), [TestPaths.Seeds], settings, s => s.AddSingleton<TimeProvider>(clock));

        await poller.Services.GetRequiredService<FeedPoller>().PollOnceAsync(default);
        clock.Advance(TimeSpan.FromMinutes(1));
        await poller.Services.GetRequiredService<FeedPoller>().PollOnceAsync(default);

        // The other replica polled nothing; its own SQLite file has no health. What it reports came from PostgreSQL.
        var reported = await other.Services.GetRequiredService<FeedHealthStore>().ListAsync(default);
        Assert.Equal([working, broken], reported.Select(h => h.Name));
        Assert.Equal(Day1.AddMinutes(1), reported[0].LastSuccessAt);
        Assert.Equal(0, reported[0].ConsecutiveFailures);
        Assert.Null(reported[1].LastSuccessAt);
        Assert.Equal(2, reported[1].ConsecutiveFailures);
        Assert.Equal(Day1.AddMinutes(1), reported[1].LastErrorAt);
        Assert.Contains("not well-formed", reported[1].LastError, StringComparison.Ordinal);
        Assert.Equal(reported, await poller.Services.GetRequiredService<FeedHealthStore>().ListAsync(default));
    }

    private static Dictionary<string, string?> Postgres(string connectionString) => new()
    {
        ["Storage:Provider"] = "PostgreSQL",
        ["Storage:ConnectionString"] = connectionString,
    };

    /// <summary>The connection string travels as it would in production: in the environment, not on the command line.</summary>
    private static Dictionary<string, string> Secrets(string connectionString) => new() { ["Storage__ConnectionString"] = connectionString };

    public void Dispose() => folder.Dispose();
}
