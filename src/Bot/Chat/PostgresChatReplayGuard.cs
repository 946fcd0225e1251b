using Newsdesk.Storage;
using Npgsql;

namespace Newsdesk.Chat;

/// <summary>The replay guard on PostgreSQL: the same claims as <see cref="ChatReplayGuard"/>, one statement each, so
/// of several replicas handed the same request exactly one runs it. Expired keys are pruned at most once a minute per
/// process.</summary>
public sealed class PostgresChatReplayGuard(PostgresConnections connections, TimeProvider time) : IChatReplayGuard
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

    public static PostgresSchema Schema { get; } = new(nameof(ChatReplayGuard), ["chat_replays"], ["""
        CREATE TABLE chat_replays (key TEXT PRIMARY KEY, expires_at BIGINT NOT NULL);
        CREATE INDEX chat_replays_by_expiry ON chat_replays(expires_at);
        """,
        // Which claim attempt took each key, so that an attempt run again after a lost connection recognises its own.
        "ALTER TABLE chat_replays ADD COLUMN claim TEXT;"]);

    private long prunedAt;

    public Task<bool> TryClaimAsync(string key, TimeSpan retention, CancellationToken cancellationToken) =>
        TryClaimAsync(key, retention, Guid.NewGuid().ToString("N"), cancellationToken);

    /// <summary>Safe to run again after a lost connection: the key is claimed under <paramref name="claim"/>, one
    /// attempt's id, so an attempt whose commit went through although the connection was lost before the answer finds
    /// the key held by its own id when it runs again and still wins it (the request is neither refused as its own replay
    /// nor run twice); a replay, on this replica or another, finds it held by another id and loses.</summary>
    internal Task<bool> TryClaimAsync(string key, TimeSpan retention, string claim, CancellationToken cancellationToken) =>
        connections.WriteAsync("chat_replays", connection => TryClaimAsync(connection, key, retention, claim, cancellationToken), cancellationToken);

    private async Task<bool> TryClaimAsync(NpgsqlConnection connection, string key, TimeSpan retention, string claim, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (now - Interlocked.Read(ref prunedAt) > PruneEvery.TotalMilliseconds)
        {
            Interlocked.Exchange(ref prunedAt, now);
            await using var prune = new NpgsqlCommand("DELETE FROM chat_replays WHERE expires_at <= @now", connection);
            prune.Parameters.AddWithValue("now", now);
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }
        // An expired key (not yet pruned) is claimed afresh, as if it had been pruned.
        await using var insert = new NpgsqlCommand("""
            INSERT INTO chat_replays(key, expires_at, claim) VALUES (@key, @expires, @claim)
            ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at, claim = excluded.claim
            WHERE chat_replays.expires_at <= @now OR chat_replays.claim = @claim
            """, connection);
        insert.Parameters.AddWithValue("key", key);
        insert.Parameters.AddWithValue("expires", now + (long)retention.TotalMilliseconds);
        insert.Parameters.AddWithValue("claim", claim);
        insert.Parameters.AddWithValue("now", now);
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
