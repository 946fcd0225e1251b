using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Corpus;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Corpus;

/// <summary>The publication-date source column arrived after stores were built: an existing store gains it in place.</summary>
public sealed class KnowledgeStoreUpgradeTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Fact]
    public async Task AStoreWithoutThePublishedFromColumnKeepsItsDocumentsAndGainsTheColumn()
    {
        var database = folder.File("old.db");
        await using (var old = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE documents (id INTEGER PRIMARY KEY, source TEXT NOT NULL UNIQUE, origin TEXT NOT NULL,
                    title TEXT NOT NULL, url TEXT NULL, content_hash TEXT NOT NULL, published_at TEXT NULL,
                    feed_name TEXT NULL, added_at TEXT NOT NULL);
                INSERT INTO documents(source, origin, title, content_hash, published_at, feed_name, added_at)
                    VALUES ('https://example.com/a', 'feed', 'Old story', 'h', '2007-07-02T09:00:00.0000000+00:00', 'The Register', '2007-07-02T10:00:00.0000000+00:00');
                PRAGMA user_version = 2;
                """;
            await create.ExecuteNonQueryAsync();
        }
        using var host = CoreHost.Create(database, []);
        var store = host.Services.GetRequiredService<IKnowledgeStore>();

        var record = new DocumentRecord("b.md", "file", "New story", null, "h2", new DateTimeOffset(2005, 3, 1, 0, 0, 0, TimeSpan.Zero), null)
        { PublishedFrom = PublicationDateReader.FrontMatter };
        await store.SaveDocumentAsync(record, [], CancellationToken.None);
        var dates = await store.GetPublicationDatesAsync(CancellationToken.None);

        Assert.Equal(2, dates.Count);
        Assert.Contains(dates.Values, d => d == new PublicationDate(new DateTimeOffset(2007, 7, 2, 9, 0, 0, TimeSpan.Zero), PublicationDateReader.Feed));
        Assert.Contains(dates.Values, d => d == new PublicationDate(record.PublishedAt!.Value, PublicationDateReader.FrontMatter));
    }

    public void Dispose() => folder.Dispose();
}
