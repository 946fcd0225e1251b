using Microsoft.Extensions.Time.Testing;
using Newsdesk.Corpus;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Tests.Support;
using Npgsql;

namespace Newsdesk.Tests.Storage;

/// <summary>The corpus and feed-item stores on PostgreSQL ride out a lost connection as the other PostgreSQL stores do:
/// every operation, run right after the server ended every session of the database (what a restart, a fail-over or
/// an administrator's kill leaves in the pool), goes through on a new connection. They used to open connections
/// directly, and the first operation after such a loss failed.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCorpusReconnectionTests(PostgresServer server)
{
    private static readonly DateTimeOffset Now = new(2025, 3, 11, 7, 0, 0, TimeSpan.Zero);

    [PostgresFact]
    public async Task EveryCorpusOperationGoesThroughRightAfterItsSessionWasKilled()
    {
        var connectionString = await server.DatabaseAsync(GetType());
        await using var admin = await AdminAsync(connectionString);
        await using var connections = PostgresCorpusStoreTests.Connections(connectionString);
        var store = new PostgresKnowledgeStore(connections, new FakeTimeProvider(Now));
        var source = $"pg/{Guid.NewGuid():N}.txt";
        await store.GetVersionAsync(default);

        await AfterKillAsync(admin, () => store.SaveDocumentsAsync([Document(source)], default));
        Assert.Equal("hash-" + source, (await AfterKillAsync(admin, () => store.GetContentHashesAsync("file", default)))[source]);
        var passage = Assert.Single(await AfterKillAsync(admin, () => store.LoadPassagesAsync(default)), p => p.Passage.Source == source);
        Assert.Contains(await AfterKillAsync(admin, () => store.SearchTermsAsync("\"reconnected\"", 10, default)), h => h.PassageId == passage.Passage.Id);
        Assert.Contains(await AfterKillAsync(admin, () => store.ListDocumentsAsync(10, default)), d => d.Source == source);
        Assert.NotEmpty(await AfterKillAsync(admin, () => store.GetVersionAsync(default)));
        Assert.StartsWith("in memory", await AfterKillAsync(admin, () => store.DescribeVectorSearchAsync(default)), StringComparison.Ordinal);
        Assert.NotNull(await AfterKillAsync(admin, () => store.GetPublicationDatesAsync(default)));
        await AfterKillAsync(admin, () => store.RemoveDocumentAsync(source, default));
        Assert.DoesNotContain(await store.LoadPassagesAsync(default), p => p.Passage.Source == source);
    }

    [PostgresFact]
    public async Task EveryFeedItemOperationGoesThroughRightAfterItsSessionWasKilled()
    {
        var connectionString = await server.DatabaseAsync(GetType());
        await using var admin = await AdminAsync(connectionString);
        await using var connections = PostgresCorpusStoreTests.Connections(connectionString);
        var store = new PostgresFeedItemStore(connections);
        var feed = $"https://example.test/{Guid.NewGuid():N}.rss";
        var item = new FeedItem("guid-1", new Uri("https://example.test/a"), "A story", "Words.", Now.AddHours(-2));
        await store.CountAsync(feed, default);

        await AfterKillAsync(admin, () => store.AddAsync(feed, item, "h-" + feed, "https://example.test/a", "Example", Now, isNew: true, default));
        Assert.True(await AfterKillAsync(admin, () => store.IsKnownAsync(feed, "guid-1", null, default)));
        Assert.True(await AfterKillAsync(admin, () => store.HasContentAsync("h-" + feed, default)));
        Assert.Contains(await AfterKillAsync(admin, () => store.ListArrivedAsync(Now.AddHours(-1), Now, default)), s => s.DocumentSource == "https://example.test/a");
        Assert.NotNull(await AfterKillAsync(admin, () => store.ListCopiesAsync(Now.AddHours(-1), Now, default)));
        Assert.Equal(1, await AfterKillAsync(admin, () => store.CountAsync(feed, default)));
        var state = new FeedState(feed, "\"e1\"", null, 0, Now.AddHours(1), IsSeeded: true);
        await AfterKillAsync(admin, () => store.SaveStateAsync(state, default));
        Assert.Equal(state, await AfterKillAsync(admin, () => store.GetStateAsync(feed, default)));
        await using var held = await AfterKillAsync(admin, () => store.TryLockFeedAsync(feed, default));
        Assert.NotNull(held);
    }

    private static async Task<NpgsqlConnection> AdminAsync(string connectionString)
    {
        // Its own pool, so ending the stores' sessions never ends this one.
        var admin = new NpgsqlConnection(connectionString + ";Application Name=admin;Pooling=false");
        await admin.OpenAsync();
        return admin;
    }

    private static async Task AfterKillAsync(NpgsqlConnection admin, Func<Task> operation) =>
        await AfterKillAsync(admin, async () =>
        {
            await operation();
            return true;
        });

    /// <summary>Ends every other session of the database and waits until they are gone, so the operation meets a
    /// pooled connection whose session is over, never one the server is still ending.</summary>
    private static async Task<T> AfterKillAsync<T>(NpgsqlConnection admin, Func<Task<T>> operation)
    {
        await using (var kill = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", admin))
            Assert.True((long)(await kill.ExecuteScalarAsync())! > 0, "the store kept no session to end");
        for (var polls = 0; ; polls++)
        {
            await using var left = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", admin);
            if ((long)(await left.ExecuteScalarAsync())! == 0) break;
            Assert.True(polls < 10_000, "the killed sessions did not end");
        }
        return await operation();
    }

    private static EmbeddedDocument Document(string source)
    {
        const string text = "The labels reconnected with the download site.";
        var record = new DocumentRecord(source, "file", "Reconnected", null, "hash-" + source, Now.AddDays(-1), null) { PublishedFrom = "front-matter" };
        return new EmbeddedDocument(record, [new EmbeddedPassage(new SplitPassage(text, [new SentenceSpan(0, text.Length)]),
            [[.. Enumerable.Range(0, 8).Select(i => (float)i)]])]);
    }
}
