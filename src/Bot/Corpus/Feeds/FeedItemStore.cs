using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Newsdesk.Storage;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Feed items seen and each feed's polling state, in the knowledge store's SQLite file. An item is known by
/// its GUID within its feed, by its link, or by its content hash anywhere, so a feed that rewrites GUIDs or dates, or
/// two feeds carrying one story, store it once.</summary>
public sealed class FeedItemStore(SqliteConnections connections, StoreWriteHealth health) : IFeedItemStore
{
    /// <summary>Items seen per feed and each feed's polling state.</summary>
    public static StoreSchema Schema { get; } = new(nameof(FeedItemStore), ["feed_items", "feed_state"], """
            CREATE TABLE IF NOT EXISTS feed_items (
                id INTEGER PRIMARY KEY,
                feed_url TEXT NOT NULL,
                guid TEXT NOT NULL,
                link TEXT NULL,
                content_hash TEXT NOT NULL,
                document_source TEXT NOT NULL,
                title TEXT NOT NULL,
                feed_name TEXT NOT NULL,
                published_at TEXT NULL,
                arrived_at TEXT NOT NULL,
                is_new INTEGER NOT NULL,
                UNIQUE (feed_url, guid));
            CREATE INDEX IF NOT EXISTS feed_items_by_link ON feed_items(link);
            CREATE INDEX IF NOT EXISTS feed_items_by_hash ON feed_items(content_hash);
            CREATE INDEX IF NOT EXISTS feed_items_by_arrival ON feed_items(arrived_at);
            CREATE TABLE IF NOT EXISTS feed_state (
                feed_url TEXT PRIMARY KEY,
                etag TEXT NULL,
                last_modified TEXT NULL,
                failures INTEGER NOT NULL DEFAULT 0,
                next_attempt_at TEXT NULL,
                is_seeded INTEGER NOT NULL DEFAULT 0);
            """);

    public async Task<bool> IsKnownAsync(string feedUrl, string itemId, Uri? link, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM feed_items WHERE (feed_url = $feed AND guid = $guid) OR (link IS NOT NULL AND link = $link))";
        command.Parameters.AddWithValue("$feed", feedUrl);
        command.Parameters.AddWithValue("$guid", itemId);
        command.Parameters.AddWithValue("$link", (object?)link?.AbsoluteUri ?? DBNull.Value);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    public async Task<bool> HasContentAsync(string contentHash, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM feed_items WHERE content_hash = $hash)";
        command.Parameters.AddWithValue("$hash", contentHash);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    /// <summary>Remembers an item. A duplicate (same GUID, or its content already stored) is remembered too, not
    /// as new, so its GUID short-cuts the next poll.</summary>
    public async Task AddAsync(string feedUrl, FeedItem item, string contentHash, string documentSource, string feedName,
        DateTimeOffset arrivedAt, bool isNew, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO feed_items(feed_url, guid, link, content_hash, document_source, title, feed_name, published_at, arrived_at, is_new)
            VALUES ($feed, $guid, $link, $hash, $source, $title, $name, $published, $arrived, $new)
            """;
        command.Parameters.AddWithValue("$feed", feedUrl);
        command.Parameters.AddWithValue("$guid", item.Id);
        command.Parameters.AddWithValue("$link", (object?)item.Link?.AbsoluteUri ?? DBNull.Value);
        command.Parameters.AddWithValue("$hash", contentHash);
        command.Parameters.AddWithValue("$source", documentSource);
        command.Parameters.AddWithValue("$title", item.Title);
        command.Parameters.AddWithValue("$name", feedName);
        command.Parameters.AddWithValue("$published", (object?)item.PublishedAt?.ToString("O") ?? DBNull.Value);
        command.Parameters.AddWithValue("$arrived", arrivedAt.ToUniversalTime().ToString("O"));
        command.Parameters.AddWithValue("$new", isNew ? 1 : 0);
        await health.WriteAsync("feed_items", () => command.ExecuteNonQueryAsync(cancellationToken));
    }

    /// <summary>New stories that arrived in (<paramref name="after"/>, <paramref name="until"/>], one per document.</summary>
    public async Task<IReadOnlyList<ArrivedStory>> ListArrivedAsync(DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT document_source, title, link, feed_name, published_at, min(arrived_at) FROM feed_items
            WHERE is_new = 1 AND arrived_at > $after AND arrived_at <= $until
            GROUP BY document_source ORDER BY min(arrived_at), document_source
            """;
        command.Parameters.AddWithValue("$after", after.ToUniversalTime().ToString("O"));
        command.Parameters.AddWithValue("$until", until.ToUniversalTime().ToString("O"));
        var stories = new List<ArrivedStory>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stories.Add(new ArrivedStory(reader.GetString(0), reader.GetString(1),
                reader.IsDBNull(2) ? null : new Uri(reader.GetString(2)), reader.GetString(3),
                reader.IsDBNull(4) ? null : Parse(reader.GetString(4)), Parse(reader.GetString(5))));
        }
        return stories;
    }

    /// <summary>Copies that arrived in (<paramref name="after"/>, <paramref name="until"/>] of stories that arrived in
    /// it too: items remembered as not new because their words were already stored, matched to the stored one by
    /// content hash, so a digest can list them as more sources of the one story.</summary>
    public async Task<IReadOnlyList<StoryCopy>> ListCopiesAsync(DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT DISTINCT kept.document_source, copy.feed_name, copy.link FROM feed_items copy
            JOIN feed_items kept ON kept.content_hash = copy.content_hash AND kept.is_new = 1
                AND kept.arrived_at > $after AND kept.arrived_at <= $until
            WHERE copy.is_new = 0 AND copy.arrived_at > $after AND copy.arrived_at <= $until
                AND copy.document_source <> kept.document_source
            ORDER BY kept.document_source, copy.arrived_at, copy.feed_name
            """;
        command.Parameters.AddWithValue("$after", after.ToUniversalTime().ToString("O"));
        command.Parameters.AddWithValue("$until", until.ToUniversalTime().ToString("O"));
        var copies = new List<StoryCopy>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            copies.Add(new StoryCopy(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : new Uri(reader.GetString(2))));
        }
        return copies;
    }

    public async Task<long> CountAsync(string feedUrl, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM feed_items WHERE feed_url = $feed";
        command.Parameters.AddWithValue("$feed", feedUrl);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<FeedState> GetStateAsync(string feedUrl, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, last_modified, failures, next_attempt_at, is_seeded FROM feed_state WHERE feed_url = $feed";
        command.Parameters.AddWithValue("$feed", feedUrl);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return new FeedState(feedUrl, null, null, 0, null, IsSeeded: false);
        return new FeedState(feedUrl, reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.GetInt32(2), reader.IsDBNull(3) ? null : Parse(reader.GetString(3)), reader.GetInt64(4) == 1);
    }

    public async Task SaveStateAsync(FeedState state, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feed_state(feed_url, etag, last_modified, failures, next_attempt_at, is_seeded)
            VALUES ($feed, $etag, $modified, $failures, $next, $seeded)
            ON CONFLICT(feed_url) DO UPDATE SET etag = $etag, last_modified = $modified, failures = $failures,
                next_attempt_at = $next, is_seeded = $seeded
            """;
        command.Parameters.AddWithValue("$feed", state.FeedUrl);
        command.Parameters.AddWithValue("$etag", (object?)state.ETag ?? DBNull.Value);
        command.Parameters.AddWithValue("$modified", (object?)state.LastModified ?? DBNull.Value);
        command.Parameters.AddWithValue("$failures", state.Failures);
        command.Parameters.AddWithValue("$next", (object?)state.NextAttemptAt?.ToUniversalTime().ToString("O") ?? DBNull.Value);
        command.Parameters.AddWithValue("$seeded", state.IsSeeded ? 1 : 0);
        await health.WriteAsync("feed_state", () => command.ExecuteNonQueryAsync(cancellationToken));
    }

    /// <summary>One file serves the processes of one host, which poll on their own schedules; items are stored once
    /// all the same (the unique key on feed and GUID), so SQLite hands out no lock.</summary>
    public Task<StoreLock?> TryLockFeedAsync(string feedUrl, CancellationToken cancellationToken) => Task.FromResult<StoreLock?>(StoreLock.None);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

}
