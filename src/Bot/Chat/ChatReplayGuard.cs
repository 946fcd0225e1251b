using Microsoft.Data.Sqlite;
using Newsdesk.Storage;

namespace Newsdesk.Chat;

/// <summary>Platform request ids already acted on (a Discord interaction id, a Slack command's trigger_id), in the
/// shared store, so a captured, validly signed request sent again runs nothing: not after a restart, and not on another
/// process sharing the store. One statement claims a key, so two processes racing for it cannot both win. Each key is
/// kept for the retention its platform needs and pruned after; a store that cannot be written falls back to
/// <see cref="ChatMemoryReplays"/>.</summary>
public sealed class ChatReplayGuard(SqliteConnections connections, StoreWriteHealth health, TimeProvider time) : IChatReplayGuard, IAsyncDisposable
{
    /// <summary>Expired keys are pruned at most this often, in the same commit as a claim.</summary>
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

    public static StoreSchema Schema { get; } = new(nameof(ChatReplayGuard), ["chat_replays"], """
        CREATE TABLE IF NOT EXISTS chat_replays (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS chat_replays_by_expiry ON chat_replays(expires_at);
        """);

    private readonly ChatMemoryReplays memory = new(time);
    private SqliteWriteBatcher? writer;
    private long prunedAt;

    private SqliteWriteBatcher Writer => LazyInitializer.EnsureInitialized(ref writer, () => new SqliteWriteBatcher("replay guard", connections.OpenAsync));

    /// <summary>True the first time <paramref name="key"/> is seen within <paramref name="retention"/>; false for a
    /// replay, wherever and whenever the first one was seen.</summary>
    public async Task<bool> TryClaimAsync(string key, TimeSpan retention, CancellationToken cancellationToken)
    {
        try
        {
            return await health.WriteAsync("chat_replays", () => Writer.WriteAsync((connection, transaction) => ClaimAsync(connection, transaction, key, retention), cancellationToken));
        }
        catch (SqliteException error) when (StoreWriteHealth.CannotWrite(error))
        {
            return memory.TryClaim(key, retention);
        }
    }

    private async Task<bool> ClaimAsync(SqliteConnection connection, SqliteTransaction transaction, string key, TimeSpan retention)
    {
        var now = time.GetUtcNow();
        if (now.ToUnixTimeMilliseconds() - Interlocked.Read(ref prunedAt) > PruneEvery.TotalMilliseconds)
        {
            Interlocked.Exchange(ref prunedAt, now.ToUnixTimeMilliseconds());
            await using var prune = connection.CreateCommand();
            prune.Transaction = transaction;
            prune.CommandText = "DELETE FROM chat_replays WHERE expires_at <= $now";
            prune.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            await prune.ExecuteNonQueryAsync();
        }
        await using var claim = connection.CreateCommand();
        claim.Transaction = transaction;
        // An expired key (not yet pruned) is claimed afresh, as if it had been pruned.
        claim.CommandText = """
            INSERT INTO chat_replays(key, expires_at) VALUES ($key, $expires)
            ON CONFLICT(key) DO UPDATE SET expires_at = excluded.expires_at WHERE chat_replays.expires_at <= $now
            """;
        claim.Parameters.AddWithValue("$key", key);
        claim.Parameters.AddWithValue("$expires", (now + retention).ToUnixTimeMilliseconds());
        claim.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return await claim.ExecuteNonQueryAsync() == 1;
    }

    public async ValueTask DisposeAsync()
    {
        if (writer is not null) await writer.DisposeAsync();
    }
}
