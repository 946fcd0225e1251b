using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Newsdesk.Chat;
using Newsdesk.Storage;

namespace Newsdesk.Slack.Events;

/// <summary>Slack's own tables in the bot's SQLite file: which events and messages were already taken (so Slack's
/// retries, duplicate deliveries and restarts never answer twice) and the questions asked in each thread (so
/// follow-ups are understood).</summary>
public sealed class SlackStore(
    SqliteConnections connections, ChatJournal journal, IOptions<SlackOptions> options, StoreWriteHealth health, TimeProvider time)
    : ISlackStore, IDisposable, IAsyncDisposable
{
    private SqliteWriteBatcher? writer;
    private readonly SlackMemoryClaims memoryClaims = new(time, options.Value.HandledEventRetention);

    /// <summary>Claims and turns are written in group commits: see <see cref="SqliteWriteBatcher"/>.</summary>
    private SqliteWriteBatcher Writer => LazyInitializer.EnsureInitialized(ref writer, () => new SqliteWriteBatcher("Slack", OpenAsync));

    /// <summary>Claims every key at once; true only when none was taken before. One statement, so two deliveries
    /// racing for the same key cannot both win. The claim only says "this event is ours"; accepting its question is
    /// the <see cref="Newsdesk.Chat.Intake.ChatIntake"/>'s, after the rate limit (<see cref="AcceptAsync"/>).</summary>
    /// <remarks>When the store cannot be written at all (disk full) the claim is held in memory instead: refusing
    /// with a 500 would only have Slack retry three times within five minutes and then drop the question, so a full
    /// disk would silence the bot. A lock (busy) still fails the call, as before, and Slack retries.</remarks>
    public async Task<bool> TryClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (memoryClaims.IsClaimed(keys)) return false;
        try
        {
            return await health.WriteAsync("slack_claims", () => Writer.WriteAsync((connection, transaction) => ClaimAsync(connection, transaction, keys), cancellationToken));
        }
        catch (SqliteException exception) when (StoreWriteHealth.CannotWrite(exception))
        {
            // Reading still works: a key claimed in the store before the disk filled stays claimed.
            return !await IsClaimedInStoreAsync(keys, cancellationToken) && memoryClaims.TryClaim(keys);
        }
    }

    /// <summary>Stores an accepted question's turn in its thread (for follow-ups) and its chat journal entry, in one
    /// commit; true when the journal entry was written. A store that cannot be written answers the question without
    /// either.</summary>
    public async Task<bool> AcceptAsync(SlackAcceptedQuestion accepted, CancellationToken cancellationToken)
    {
        try
        {
            return await Writer.WriteAsync((connection, transaction) => TryAcceptAsync(connection, transaction, accepted), cancellationToken);
        }
        catch (SqliteException exception) when (StoreWriteHealth.CannotWrite(exception))
        {
            journal.Failed(exception.Message);
            return false;
        }
    }

    private async Task<bool> IsClaimedInStoreAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM slack_handled WHERE key IN ({string.Join(", ", keys.Select((_, i) => $"$key{i}"))})";
        for (var i = 0; i < keys.Count; i++) command.Parameters.AddWithValue($"$key{i}", keys[i]);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    /// <summary>The turn, then the journal entry (which rolls back only itself if it fails); a failing turn is rolled
    /// back to a savepoint so the claim still stands, and the question is then answered without the journal.</summary>
    private async Task<bool> TryAcceptAsync(SqliteConnection connection, SqliteTransaction transaction, SlackAcceptedQuestion accepted)
    {
        transaction.Save("turn");
        try
        {
            await InsertTurnAsync(connection, transaction, accepted.Channel, accepted.ThreadTs, accepted.Ts, accepted.Question);
            transaction.Release("turn");
        }
        catch (SqliteException error) when (!StoreWriteHealth.CannotWrite(error))
        {
            transaction.Rollback("turn");
            journal.Failed(error.Message);
            return false;
        }
        return await journal.TryAddAsync(connection, transaction, accepted.Journal);
    }

    /// <summary>Undoes <see cref="AcceptAsync"/> for a question the inbox turned away: neither a turn of its thread
    /// nor to be answered after a restart. The claim stays.</summary>
    public async Task ForgetAsync(SlackAcceptedQuestion accepted, CancellationToken cancellationToken)
    {
        await Writer.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM slack_turns WHERE channel = $channel AND thread_ts = $thread AND ts = $ts";
            command.Parameters.AddWithValue("$channel", accepted.Channel);
            command.Parameters.AddWithValue("$thread", accepted.ThreadTs);
            command.Parameters.AddWithValue("$ts", accepted.Ts);
            await command.ExecuteNonQueryAsync();
            await ChatJournal.RemoveAsync(connection, transaction, accepted.Journal.Key);
            return true;
        }, cancellationToken);
    }

    private async Task<bool> ClaimAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<string> keys)
    {
        var now = time.GetUtcNow();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var values = keys.Select((_, i) => $"($key{i}, $at)");
        command.CommandText = $"INSERT INTO slack_handled(key, handled_at) VALUES {string.Join(", ", values)} ON CONFLICT(key) DO NOTHING";
        for (var i = 0; i < keys.Count; i++) command.Parameters.AddWithValue($"$key{i}", keys[i]);
        command.Parameters.AddWithValue("$at", now.ToUnixTimeSeconds());
        var inserted = await command.ExecuteNonQueryAsync();

        await using var prune = connection.CreateCommand();
        prune.Transaction = transaction;
        prune.CommandText = "DELETE FROM slack_handled WHERE handled_at < $before";
        prune.Parameters.AddWithValue("$before", (now - options.Value.HandledEventRetention).ToUnixTimeSeconds());
        await prune.ExecuteNonQueryAsync();
        return inserted == keys.Count;
    }

    /// <summary>The questions asked earlier in a conversation (a thread, or a DM thread), oldest first.</summary>
    public async Task<IReadOnlyList<string>> LoadTurnsAsync(string channel, string threadTs, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT question FROM (
                SELECT question, ts FROM slack_turns WHERE channel = $channel AND thread_ts = $thread ORDER BY ts DESC LIMIT $limit)
            ORDER BY ts
            """;
        command.Parameters.AddWithValue("$channel", channel);
        command.Parameters.AddWithValue("$thread", threadTs);
        command.Parameters.AddWithValue("$limit", limit);
        var turns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) turns.Add(reader.GetString(0));
        return turns;
    }

    private async Task<bool> InsertTurnAsync(SqliteConnection connection, SqliteTransaction transaction, string channel, string threadTs, string ts, string question)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO slack_turns(channel, thread_ts, ts, question, added_at) VALUES ($channel, $thread, $ts, $question, $at)
            ON CONFLICT(channel, thread_ts, ts) DO NOTHING
            """;
        command.Parameters.AddWithValue("$channel", channel);
        command.Parameters.AddWithValue("$thread", threadTs);
        command.Parameters.AddWithValue("$ts", ts);
        command.Parameters.AddWithValue("$question", question);
        command.Parameters.AddWithValue("$at", time.GetUtcNow().ToUnixTimeSeconds());
        await command.ExecuteNonQueryAsync();
        return true;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // The file is in WAL mode (set when the schemas are created); NORMAL syncs at checkpoints, not every commit.
        pragma.CommandText = "PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Events and messages already taken, and the questions asked in each thread.</summary>
    public static StoreSchema Schema { get; } = new(nameof(SlackStore), ["slack_handled", "slack_turns"], """
        CREATE TABLE IF NOT EXISTS slack_handled (key TEXT PRIMARY KEY, handled_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS slack_handled_by_time ON slack_handled(handled_at);
        CREATE TABLE IF NOT EXISTS slack_turns (
            channel TEXT NOT NULL, thread_ts TEXT NOT NULL, ts TEXT NOT NULL,
            question TEXT NOT NULL, added_at INTEGER NOT NULL,
            PRIMARY KEY (channel, thread_ts, ts));
        """);

    public async ValueTask DisposeAsync()
    {
        if (writer is not null) await writer.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
