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
        """]);

    private long prunedAt;

    public Task<bool> TryClaimAsync(string key, TimeSpan retention, CancellationToken cancellationToken) =>
        connections.WriteAsync("chat_replays", connection => TryClaimAsync(connection, key, retention, cancellationToken), cancellationToken);

    /// <summary>Safe to run again after a lost connection: a claim whose commit was lost with the connection is found
    /// taken by this very request, and the request is refused as a replay (the platform retries or the person asks
    /// again), never run twice.</summary>
    private async Task<bool> TryClaimAsync(NpgsqlConnection connection, string key, TimeSpan retention, CancellationToken cancellationToken)
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
        await using var claim = new NpgsqlCommand("""
            INSERT INTO chat_replays(key, expires_at) VALUES (@key, @expires)
            ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE chat_replays.expires_at <= @now
            """, connection);
        claim.Parameters.AddWithValue("key", key);
        claim.Parameters.AddWithValue("expires", now + (long)retention.TotalMilliseconds);
        claim.Parameters.AddWithValue("now", now);
        return await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
