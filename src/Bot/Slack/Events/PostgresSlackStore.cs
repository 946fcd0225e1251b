using Microsoft.Extensions.Options;
using Newsdesk.Chat;
using Newsdesk.Storage;
using Npgsql;

namespace Newsdesk.Slack.Events;

/// <summary>Slack's claims and thread turns on PostgreSQL: the same rows as <see cref="SlackStore"/>, so an event and
/// Slack's retry of it, landing on two replicas, are claimed by exactly one (one statement claims every key), and a
/// follow-up finds its thread's earlier questions whichever replica took them. An accepted question's turn and its
/// chat journal entry are one commit, as on SQLite. Unlike SQLite there is no in-memory fallback: a claim that cannot
/// be written fails the request, and Slack retries it.</summary>
public sealed class PostgresSlackStore(
    PostgresConnections connections, PostgresChatJournal journal, IOptions<SlackOptions> options, TimeProvider time) : ISlackStore
{
    public static PostgresSchema Schema { get; } = new(nameof(SlackStore), ["slack_handled", "slack_turns"], ["""
        CREATE TABLE slack_handled (key TEXT PRIMARY KEY, handled_at BIGINT NOT NULL);
        CREATE INDEX slack_handled_by_time ON slack_handled(handled_at);
        CREATE TABLE slack_turns (channel TEXT NOT NULL, thread_ts TEXT NOT NULL, ts TEXT NOT NULL, question TEXT NOT NULL,
            added_at BIGINT NOT NULL, PRIMARY KEY (channel, thread_ts, ts));
        """,
        // Which claim attempt took each key, so that an attempt run again after a lost connection recognises its own.
        "ALTER TABLE slack_handled ADD COLUMN claim TEXT;"]);

    /// <summary>The name its claims carry in <see cref="StoreWriteHealth"/>, as on SQLite.</summary>
    private const string Kind = "slack_claims";

    public Task<bool> TryClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        TryClaimAsync(keys, Guid.NewGuid().ToString("N"), cancellationToken);

    /// <summary>Retried as one transaction after a lost connection. The keys are claimed under <paramref name="claim"/>,
    /// one attempt's id: an attempt whose commit went through although its connection was lost before the answer finds
    /// the keys held by its own id when it runs again, and still wins them, so the event is neither dropped nor answered
    /// twice. Another attempt (Slack's retry, another replica) finds them held by another id and loses.</summary>
    internal Task<bool> TryClaimAsync(IReadOnlyList<string> keys, string claim, CancellationToken cancellationToken) =>
        connections.WriteAsync(Kind, connection => TryClaimAsync(connection, keys, claim, cancellationToken), cancellationToken);

    private async Task<bool> TryClaimAsync(NpgsqlConnection connection, IReadOnlyList<string> keys, string claim, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = new NpgsqlCommand(
            "INSERT INTO slack_handled(key, handled_at, claim) SELECT unnest(@keys), @at, @claim ON CONFLICT (key) DO NOTHING", connection, transaction);
        insert.Parameters.AddWithValue("keys", keys.ToArray());
        insert.Parameters.AddWithValue("at", now.ToUnixTimeSeconds());
        insert.Parameters.AddWithValue("claim", claim);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await using var held = new NpgsqlCommand(
            "SELECT count(*) FROM slack_handled WHERE key = ANY(@keys) AND claim = @claim", connection, transaction);
        held.Parameters.AddWithValue("keys", keys.ToArray());
        held.Parameters.AddWithValue("claim", claim);
        var heldByThisClaim = (long)(await held.ExecuteScalarAsync(cancellationToken))!;
        await using var prune = new NpgsqlCommand("DELETE FROM slack_handled WHERE handled_at < @before", connection, transaction);
        prune.Parameters.AddWithValue("before", (now - options.Value.HandledEventRetention).ToUnixTimeSeconds());
        await prune.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return heldByThisClaim == keys.Distinct().Count();
    }

    public async Task<bool> AcceptAsync(SlackAcceptedQuestion accepted, CancellationToken cancellationToken)
    {
        try
        {
            return await connections.WriteAsync(Kind, connection => AcceptAsync(connection, accepted, cancellationToken), cancellationToken);
        }
        catch (NpgsqlException error)
        {
            journal.Failed(error.Message);
            return false;
        }
    }

    private async Task<bool> AcceptAsync(NpgsqlConnection connection, SlackAcceptedQuestion accepted, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var turn = new NpgsqlCommand("""
            INSERT INTO slack_turns(channel, thread_ts, ts, question, added_at) VALUES (@channel, @thread, @ts, @question, @at)
            ON CONFLICT (channel, thread_ts, ts) DO NOTHING
            """, connection, transaction);
        turn.Parameters.AddWithValue("channel", accepted.Channel);
        turn.Parameters.AddWithValue("thread", accepted.ThreadTs);
        turn.Parameters.AddWithValue("ts", accepted.Ts);
        turn.Parameters.AddWithValue("question", accepted.Question);
        turn.Parameters.AddWithValue("at", time.GetUtcNow().ToUnixTimeSeconds());
        await turn.ExecuteNonQueryAsync(cancellationToken);
        var isJournalled = await journal.TryAddAsync(connection, transaction, accepted.Journal, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return isJournalled;
    }

    public Task ForgetAsync(SlackAcceptedQuestion accepted, CancellationToken cancellationToken) =>
        connections.WriteAsync(Kind, connection => ForgetAsync(connection, accepted, cancellationToken), cancellationToken);

    private static async Task ForgetAsync(NpgsqlConnection connection, SlackAcceptedQuestion accepted, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "DELETE FROM slack_turns WHERE channel = @channel AND thread_ts = @thread AND ts = @ts", connection, transaction);
        command.Parameters.AddWithValue("channel", accepted.Channel);
        command.Parameters.AddWithValue("thread", accepted.ThreadTs);
        command.Parameters.AddWithValue("ts", accepted.Ts);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await PostgresChatJournal.RemoveAsync(connection, transaction, accepted.Journal.Key, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task<IReadOnlyList<string>> LoadTurnsAsync(string channel, string threadTs, int limit, CancellationToken cancellationToken) =>
        connections.ReadAsync(connection => LoadTurnsAsync(connection, channel, threadTs, limit, cancellationToken), cancellationToken);

    private static async Task<IReadOnlyList<string>> LoadTurnsAsync(NpgsqlConnection connection, string channel, string threadTs, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT question FROM (
                SELECT question, ts FROM slack_turns WHERE channel = @channel AND thread_ts = @thread ORDER BY ts DESC LIMIT @limit) AS latest
            ORDER BY ts
            """, connection);
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("thread", threadTs);
        command.Parameters.AddWithValue("limit", limit);
        var turns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) turns.Add(reader.GetString(0));
        return turns;
    }
}
