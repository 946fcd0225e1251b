using System.Globalization;
using Microsoft.Data.Sqlite;
using Newsdesk.Storage;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Feeds added from chat (<c>/feeds add</c>), in the store rather than in configuration, so a change is seen
/// at once by every process sharing the store. Each change is written with its <see cref="AdminAuditLog"/> entry in
/// one transaction.</summary>
public sealed class ChatFeedStore(SqliteConnections connections, StoreWriteHealth health, TimeProvider time) : IChatFeedStore
{
    public static StoreSchema Schema { get; } = new(nameof(ChatFeedStore), ["chat_feeds"], """
        CREATE TABLE IF NOT EXISTS chat_feeds (
            feed_url TEXT PRIMARY KEY,
            name TEXT NULL,
            added_by TEXT NOT NULL,
            added_at TEXT NOT NULL);
        """);

    /// <summary>False when the feed was already added.</summary>
    public Task<bool> AddAsync(Uri url, string? name, string actor, CancellationToken cancellationToken) =>
        ChangeAsync("INSERT OR IGNORE INTO chat_feeds(feed_url, name, added_by, added_at) VALUES ($url, $name, $actor, $at)",
            url.AbsoluteUri, name, actor, "feeds.add", cancellationToken);

    /// <summary>False when no feed with that URL was added from chat.</summary>
    public Task<bool> RemoveAsync(Uri url, string actor, CancellationToken cancellationToken) =>
        ChangeAsync("DELETE FROM chat_feeds WHERE feed_url = $url", url.AbsoluteUri, null, actor, "feeds.remove", cancellationToken);

    public async Task<IReadOnlyList<ChatFeed>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT feed_url, name, added_by, added_at FROM chat_feeds ORDER BY added_at, feed_url";
        var feeds = new List<ChatFeed>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            feeds.Add(new ChatFeed(new Uri(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        return feeds;
    }

    private async Task<bool> ChangeAsync(string sql, string url, string? name, string actor, string action, CancellationToken cancellationToken) =>
        await health.WriteAsync("chat_feeds", async () =>
        {
            var now = time.GetUtcNow();
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$url", url);
            command.Parameters.AddWithValue("$name", (object?)name ?? DBNull.Value);
            command.Parameters.AddWithValue("$actor", actor);
            command.Parameters.AddWithValue("$at", now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0) return false;
            await AdminAuditLog.AddAsync(connection, transaction, new AdminChange(now, actor, action, url), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });
}
