using Newsdesk.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Feed items and polling state on PostgreSQL: the same rows and rules as <see cref="FeedItemStore"/>, with
/// times as <c>timestamptz</c>. An item is stored once (the unique key on feed and GUID, <c>ON CONFLICT DO NOTHING</c>)
/// even when two replicas poll one feed at once; <see cref="TryLockFeedAsync"/> keeps them from doing so.</summary>
public sealed class PostgresFeedItemStore(PostgresConnections connections) : IFeedItemStore
{
    /// <summary>"Feed" in ASCII: the first key of every feed's advisory lock; the second is the hash of its address.</summary>
    private const int FeedLockSpace = 0x46656564;

    public static PostgresSchema Schema { get; } = new(nameof(FeedItemStore), ["feed_items", "feed_state"], ["""
        CREATE TABLE feed_items (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            feed_url TEXT NOT NULL,
            guid TEXT NOT NULL,
            link TEXT NULL,
            content_hash TEXT NOT NULL,
            document_source TEXT NOT NULL,
            title TEXT NOT NULL,
            feed_name TEXT NOT NULL,
            published_at TIMESTAMPTZ NULL,
            arrived_at TIMESTAMPTZ NOT NULL,
            is_new BOOLEAN NOT NULL,
            UNIQUE (feed_url, guid));
        CREATE INDEX feed_items_by_link ON feed_items(link);
        CREATE INDEX feed_items_by_hash ON feed_items(content_hash);
        CREATE INDEX feed_items_by_arrival ON feed_items(arrived_at);
        CREATE TABLE feed_state (
            feed_url TEXT PRIMARY KEY,
            etag TEXT NULL,
            last_modified TEXT NULL,
            failures INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TIMESTAMPTZ NULL,
            is_seeded BOOLEAN NOT NULL DEFAULT FALSE);
        """]);

    public async Task<bool> IsKnownAsync(string feedUrl, string itemId, Uri? link, CancellationToken cancellationToken)
    {
        return await connections.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT EXISTS (SELECT 1 FROM feed_items WHERE (feed_url = @feed AND guid = @guid) OR (link IS NOT NULL AND link = @link))", connection);
            command.Parameters.AddWithValue("feed", feedUrl);
            command.Parameters.AddWithValue("guid", itemId);
            command.Parameters.AddWithValue("link", NpgsqlDbType.Text, (object?)link?.AbsoluteUri ?? DBNull.Value);
            return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);
    }

    public async Task<bool> HasContentAsync(string contentHash, CancellationToken cancellationToken)
    {
        return await connections.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM feed_items WHERE content_hash = @hash)", connection);
            command.Parameters.AddWithValue("hash", contentHash);
            return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);
    }

    public async Task AddAsync(string feedUrl, FeedItem item, string contentHash, string documentSource, string feedName,
        DateTimeOffset arrivedAt, bool isNew, CancellationToken cancellationToken)
    {
        await connections.WriteAsync("feed_items", async connection =>
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO feed_items(feed_url, guid, link, content_hash, document_source, title, feed_name, published_at, arrived_at, is_new)
                VALUES (@feed, @guid, @link, @hash, @source, @title, @name, @published, @arrived, @new) ON CONFLICT DO NOTHING
                """, connection);
            command.Parameters.AddWithValue("feed", feedUrl);
            command.Parameters.AddWithValue("guid", item.Id);
            command.Parameters.AddWithValue("link", NpgsqlDbType.Text, (object?)item.Link?.AbsoluteUri ?? DBNull.Value);
            command.Parameters.AddWithValue("hash", contentHash);
            command.Parameters.AddWithValue("source", documentSource);
            command.Parameters.AddWithValue("title", item.Title);
            command.Parameters.AddWithValue("name", feedName);
            command.Parameters.AddWithValue("published", NpgsqlDbType.TimestampTz, (object?)item.PublishedAt?.ToUniversalTime() ?? DBNull.Value);
            command.Parameters.AddWithValue("arrived", arrivedAt.ToUniversalTime());
            command.Parameters.AddWithValue("new", isNew);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ArrivedStory>> ListArrivedAsync(DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken)
    {
        return await connections.ReadAsync(async connection =>
        {
            // The first arrival of each document, as SQLite's bare columns beside min() give.
            await using var command = new NpgsqlCommand("""
                SELECT document_source, title, link, feed_name, published_at, arrived_at FROM (
                    SELECT DISTINCT ON (document_source) document_source, title, link, feed_name, published_at, arrived_at FROM feed_items
                    WHERE is_new AND arrived_at > @after AND arrived_at <= @until ORDER BY document_source, arrived_at, id) first
                ORDER BY arrived_at, document_source
                """, connection);
            command.Parameters.AddWithValue("after", after.ToUniversalTime());
            command.Parameters.AddWithValue("until", until.ToUniversalTime());
            var stories = new List<ArrivedStory>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stories.Add(new ArrivedStory(reader.GetString(0), reader.GetString(1),
                    reader.IsDBNull(2) ? null : new Uri(reader.GetString(2)), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5)));
            }
            return stories;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<StoryCopy>> ListCopiesAsync(DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken)
    {
        return await connections.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("""
                SELECT kept_source, feed_name, link FROM (
                    SELECT DISTINCT kept.document_source AS kept_source, copy.feed_name, copy.link, copy.arrived_at FROM feed_items copy
                    JOIN feed_items kept ON kept.content_hash = copy.content_hash AND kept.is_new
                        AND kept.arrived_at > @after AND kept.arrived_at <= @until
                    WHERE NOT copy.is_new AND copy.arrived_at > @after AND copy.arrived_at <= @until
                        AND copy.document_source <> kept.document_source) copies
                ORDER BY kept_source, arrived_at, feed_name
                """, connection);
            command.Parameters.AddWithValue("after", after.ToUniversalTime());
            command.Parameters.AddWithValue("until", until.ToUniversalTime());
            var copies = new List<StoryCopy>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                copies.Add(new StoryCopy(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : new Uri(reader.GetString(2))));
            return copies;
        }, cancellationToken);
    }

    public async Task<long> CountAsync(string feedUrl, CancellationToken cancellationToken)
    {
        return await connections.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM feed_items WHERE feed_url = @feed", connection);
            command.Parameters.AddWithValue("feed", feedUrl);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);
    }

    public async Task<FeedState> GetStateAsync(string feedUrl, CancellationToken cancellationToken)
    {
        return await connections.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT etag, last_modified, failures, next_attempt_at, is_seeded FROM feed_state WHERE feed_url = @feed", connection);
            command.Parameters.AddWithValue("feed", feedUrl);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return new FeedState(feedUrl, null, null, 0, null, IsSeeded: false);
            return new FeedState(feedUrl, reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetBoolean(4));
        }, cancellationToken);
    }

    public async Task SaveStateAsync(FeedState state, CancellationToken cancellationToken)
    {
        await connections.WriteAsync("feed_state", async connection =>
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO feed_state(feed_url, etag, last_modified, failures, next_attempt_at, is_seeded)
                VALUES (@feed, @etag, @modified, @failures, @next, @seeded)
                ON CONFLICT (feed_url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                    failures = excluded.failures, next_attempt_at = excluded.next_attempt_at, is_seeded = excluded.is_seeded
                """, connection);
            command.Parameters.AddWithValue("feed", state.FeedUrl);
            command.Parameters.AddWithValue("etag", NpgsqlDbType.Text, (object?)state.ETag ?? DBNull.Value);
            command.Parameters.AddWithValue("modified", NpgsqlDbType.Text, (object?)state.LastModified ?? DBNull.Value);
            command.Parameters.AddWithValue("failures", state.Failures);
            command.Parameters.AddWithValue("next", NpgsqlDbType.TimestampTz, (object?)state.NextAttemptAt?.ToUniversalTime() ?? DBNull.Value);
            command.Parameters.AddWithValue("seeded", state.IsSeeded);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>A session advisory lock on the feed, held on a connection of its own until disposed; null when another
    /// process holds it. A process that dies loses its session, and with it the lock, so no lease needs to expire.</summary>
    public async Task<StoreLock?> TryLockFeedAsync(string feedUrl, CancellationToken cancellationToken)
    {
        var (connection, isLocked) = await connections.HoldAsync(async connection =>
        {
            await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({FeedLockSpace}, hashtext(@feed))", connection);
            command.Parameters.AddWithValue("feed", feedUrl);
            return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);
        if (isLocked) return new StoreLock(() => UnlockAsync(connection, feedUrl));
        await connection.DisposeAsync();
        return null;
    }

    private static async ValueTask UnlockAsync(NpgsqlConnection connection, string feedUrl)
    {
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({FeedLockSpace}, hashtext(@feed))", connection);
            command.Parameters.AddWithValue("feed", feedUrl);
            await command.ExecuteScalarAsync();
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
