using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Corpus;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Digest;
using Newsdesk.Storage;
using Newsdesk.Tests.Support;
using Npgsql;

namespace Newsdesk.Tests.Storage;

/// <summary>The corpus side on a real PostgreSQL server, each "replica" with its own connection pool: documents,
/// passages and vectors come back as saved, the lexical index finds them, the version moves with every change, a
/// digest slot goes to exactly one of many racing claimers, a feed is polled by one replica at a time, and an item
/// remembered by two replicas at once is stored once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCorpusStoreTests(PostgresServer server)
{
    private static readonly DateTimeOffset Now = new(2025, 3, 11, 7, 0, 0, TimeSpan.Zero);

    [PostgresFact]
    public async Task ReplicasStartingAtOnceApplyEachCorpusMigrationOnce()
    {
        var connectionString = await server.DatabaseAsync(GetType());
        var applied = await PostgresServer.AppliedByReplicasStartingAtOnceAsync(
            Enumerable.Range(0, 4).Select(_ => Connections(connectionString)).ToList());
        Assert.Equal(["DigestLedger:1", "FeedItemStore:1", "KnowledgeStore:1"], applied);
    }

    [PostgresFact]
    public async Task DocumentsPassagesAndVectorsComeBackAsSavedAndTheLexicalIndexFindsThem()
    {
        await using var connections = Connections(await server.DatabaseAsync(GetType()));
        var store = new PostgresKnowledgeStore(connections, new FakeTimeProvider(Now));
        var before = await store.GetVersionAsync(default);
        var published = new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(1));
        var source = $"pg/{Guid.NewGuid():N}.txt";
        var saved = Document(source, "Labels sue download site", published, "The labels sued the download site over unlicensed sales.", "A court hears the case in May.");
        await store.SaveDocumentsAsync([saved, Document(source + ".2", "Chart rules change", null, "Streams now count towards the singles chart.")], default);
        var afterSave = await store.GetVersionAsync(default);
        Assert.NotEqual(before, afterSave);

        var passages = (await store.LoadPassagesAsync(default)).Where(p => p.Passage.Source.StartsWith(source, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, passages.Count);
        var first = passages[0];
        Assert.Equal("Labels sue download site", first.Passage.Title);
        Assert.Equal(Now, first.Passage.AddedAt);
        Assert.Equal(saved.Passages[0].Passage.Sentences, first.Sentences);
        Assert.Equal(saved.Passages[0].Passage.Text, first.Passage.Text);
        Assert.Equal(Vector(0).Concat(Vector(1)), first.Vectors);

        var hits = await store.SearchTermsAsync("\"sued\" OR \"downloads\"", 10, default);
        Assert.Equal(first.Passage.Id, hits[0].PassageId);
        Assert.DoesNotContain(hits, h => h.PassageId == passages[1].Passage.Id);
        Assert.Empty(await store.SearchTermsAsync("\"\"\"; DROP TABLE passages; --\"", 10, default));

        Assert.Equal(published, (await store.GetPublicationDatesAsync(default))[first.Passage.DocumentId].Value);
        Assert.Equal("hash-" + source, (await store.GetContentHashesAsync("file", default))[source]);
        Assert.Contains(await store.ListDocumentsAsync(10, default), d => d.Source == source && d.PublishedAt == published);

        await store.RemoveDocumentAsync(source, default);
        Assert.NotEqual(afterSave, await store.GetVersionAsync(default));
        Assert.DoesNotContain(await store.LoadPassagesAsync(default), p => p.Passage.Source == source);
        Assert.StartsWith("in memory (PostgreSQL; pgvector is", await store.DescribeVectorSearchAsync(default), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task OfTwoReplicasClaimingOneDigestSlotManyTimesExactlyOneClaimWinsAndOneTakeOver()
    {
        var connectionString = await server.DatabaseAsync(GetType());
        await using var firstConnections = Connections(connectionString);
        await using var secondConnections = Connections(connectionString);
        var ledgers = new[] { new PostgresDigestLedger(firstConnections), new PostgresDigestLedger(secondConnections) };
        var destination = $"webhook:{Guid.NewGuid():N}";
        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            ledgers[i % 2].TryClaimAsync(Slot(destination, $"replica-{i}"), default)));
        Assert.Single(claims, won => won);

        var stale = (await ledgers[0].GetAsync(destination, "2025-03-11", default))!;
        Assert.Equal(DigestSlotState.Claimed, stale.State);
        var takeOvers = await Task.WhenAll(ledgers.Select((l, i) => l.TryTakeOverAsync(stale, $"taker-{i}", Now.AddMinutes(20), default)));
        Assert.Single(takeOvers, won => won);
        await ledgers[1].FinishAsync(destination, "2025-03-11", DigestSlotState.Posted, "m-1", default);
        var posted = (await ledgers[0].GetAsync(destination, "2025-03-11", default))!;
        Assert.Equal((DigestSlotState.Posted, "m-1"), (posted.State, posted.MessageId));
        Assert.Equal(Now.AddHours(1), await ledgers[1].PreviousWindowEndAsync(destination, "2025-03-12", default));
    }

    [PostgresFact]
    public async Task AFeedIsPolledByOneReplicaAtATimeAndAnItemRememberedByBothIsStoredOnce()
    {
        var connectionString = await server.DatabaseAsync(GetType());
        await using var firstConnections = Connections(connectionString);
        await using var secondConnections = Connections(connectionString);
        var (first, second) = (new PostgresFeedItemStore(firstConnections), new PostgresFeedItemStore(secondConnections));
        var feed = $"https://example.test/{Guid.NewGuid():N}.rss";

        var held = await first.TryLockFeedAsync(feed, default);
        Assert.NotNull(held);
        Assert.Null(await second.TryLockFeedAsync(feed, default));
        await using (var other = await second.TryLockFeedAsync(feed + "/other", default)) Assert.NotNull(other);
        await held.DisposeAsync();
        await using (var next = await second.TryLockFeedAsync(feed, default)) Assert.NotNull(next);

        var item = new FeedItem("guid-1", new Uri("https://example.test/a"), "A story", "Words.", Now.AddHours(-2));
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? first : second).AddAsync(feed, item, "h1", "https://example.test/a", "Example", Now, isNew: true, default)));
        Assert.Equal(1, await first.CountAsync(feed, default));
        Assert.True(await second.IsKnownAsync(feed, "guid-1", null, default));
        Assert.True(await second.HasContentAsync("h1", default));
        var arrived = Assert.Single(await second.ListArrivedAsync(Now.AddHours(-1), Now, default), s => s.DocumentSource == "https://example.test/a");
        Assert.Equal(Now.AddHours(-2), arrived.PublishedAt);

        await first.SaveStateAsync(new FeedState(feed, "\"e1\"", null, 0, Now.AddHours(1), IsSeeded: true), default);
        Assert.Equal(new FeedState(feed, "\"e1\"", null, 0, Now.AddHours(1), IsSeeded: true), await second.GetStateAsync(feed, default));
    }

    private static DigestSlot Slot(string destination, string claimer) =>
        new(destination, "2025-03-11", Now, Now.AddDays(-1), Now.AddHours(1), "nd-marker", claimer, Now, DigestSlotState.Claimed, null);

    private static EmbeddedDocument Document(string source, string title, DateTimeOffset? published, params string[] sentences)
    {
        var text = string.Join(' ', sentences);
        var spans = new List<SentenceSpan>();
        var start = 0;
        foreach (var sentence in sentences)
        {
            spans.Add(new SentenceSpan(start, sentence.Length));
            start += sentence.Length + 1;
        }
        var record = new DocumentRecord(source, "file", title, null, "hash-" + source, published, null) { PublishedFrom = published is null ? null : "front-matter" };
        return new EmbeddedDocument(record, [new EmbeddedPassage(new SplitPassage(text, spans), [.. sentences.Select((_, i) => Vector(i))])]);
    }

    private static float[] Vector(int seed) => [.. Enumerable.Range(0, 8).Select(i => (float)Math.Sin(seed * 8 + i))];

    internal static PostgresConnections Connections(string connectionString) =>
        PostgresServer.Connections(connectionString, [PostgresKnowledgeStore.Schema, PostgresFeedItemStore.Schema, PostgresDigestLedger.Schema]);
}
