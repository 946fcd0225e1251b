using System.Globalization;
using Newsdesk.Storage;
using Npgsql;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Feeds added from chat on PostgreSQL: the same rows as <see cref="ChatFeedStore"/>, each change with its
/// audit entry in one transaction, seen at once by every replica.</summary>
public sealed class PostgresChatFeedStore(PostgresConnections connections, TimeProvider time) : IChatFeedStore
{
    public static PostgresSchema Schema { get; } = new(nameof(ChatFeedStore), ["chat_feeds"], ["""
        CREATE TABLE chat_feeds (feed_url TEXT PRIMARY KEY, name TEXT NULL, added_by TEXT NOT NULL, added_at TEXT NOT NULL);
        """]);

    public Task<bool> AddAsync(Uri url, string? name, string actor, CancellationToken cancellationToken) =>
        ChangeAsync("INSERT INTO chat_feeds(feed_url, name, added_by, added_at) VALUES (@url, @name, @actor, @at) ON CONFLICT (feed_url) DO NOTHING",
            url.AbsoluteUri, name, actor, "feeds.add", cancellationToken);

    public Task<bool> RemoveAsync(Uri url, string actor, CancellationToken cancellationToken) =>
        ChangeAsync("DELETE FROM chat_feeds WHERE feed_url = @url", url.AbsoluteUri, null, actor, "feeds.remove", cancellationToken);

    public async Task<IReadOnlyList<ChatFeed>> ListAsync(CancellationToken cancellationToken)
    {
        return await connections.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT feed_url, name, added_by, added_at FROM chat_feeds ORDER BY added_at, feed_url", connection);
            var feeds = new List<ChatFeed>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                feeds.Add(new ChatFeed(new Uri(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                    DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
            return feeds;
        }, cancellationToken);
    }

    private Task<bool> ChangeAsync(string sql, string url, string? name, string actor, string action, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return PostgresAdminAuditLog.ChangeWithAuditAsync(connections, sql,
            [("url", url), ("name", name), ("actor", actor), ("at", now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture))],
            new AdminChange(now, actor, action, url), cancellationToken);
    }
}
