using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Newsdesk.Chat;
using Newsdesk.Corpus;

namespace Newsdesk.Slack;

/// <summary>Slack's own tables in the bot's SQLite file: which events and messages were already taken (so Slack's
/// retries, duplicate deliveries and restarts never answer twice) and the questions asked in each thread (so
/// follow-ups are understood).</summary>
public sealed class SlackStore(SqliteConnections connections, IOptions<SlackOptions> options, TimeProvider time) : IDisposable, IAsyncDisposable
{
    private SlackWriteBatcher? writer;

    /// <summary>Claims and turns are written in group commits: see <see cref="SlackWriteBatcher"/>.</summary>
    private SlackWriteBatcher Writer => LazyInitializer.EnsureInitialized(ref writer, () => new SlackWriteBatcher(OpenAsync));

    /// <summary>Claims every key at once; true only when none was taken before. One statement, so two deliveries
    /// racing for the same key cannot both win.</summary>
    public async Task<bool> TryClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        return await Writer.WriteAsync((connection, transaction) => ClaimAsync(connection, transaction, keys), cancellationToken);
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

    /// <summary>Stores the question as a turn of its thread and, when given, its chat journal entry, in one group
    /// commit: journalling adds no commit to the acknowledgement path. Not in the claim's transaction on purpose: a
    /// failed claim must fail the request (Slack retries it), a failed journal must not stop the answer.</summary>
    public async Task AddTurnAsync(string channel, string threadTs, string ts, string question, ChatJournalEntry? journalled, CancellationToken cancellationToken)
    {
        await Writer.WriteAsync(async (connection, transaction) =>
        {
            if (journalled is not null) await ChatJournal.AddAsync(connection, transaction, journalled);
            return await InsertTurnAsync(connection, transaction, channel, threadTs, ts, question);
        }, cancellationToken);
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
        var connection = await connections.OpenAsync("slack", Schema + ChatJournal.Schema, cancellationToken);
        await using var pragma = connection.CreateCommand();
        // The file is in WAL mode (set by the schema and by KnowledgeStore); NORMAL syncs at checkpoints, not every commit.
        pragma.CommandText = "PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS slack_handled (key TEXT PRIMARY KEY, handled_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS slack_handled_by_time ON slack_handled(handled_at);
        CREATE TABLE IF NOT EXISTS slack_turns (
            channel TEXT NOT NULL, thread_ts TEXT NOT NULL, ts TEXT NOT NULL,
            question TEXT NOT NULL, added_at INTEGER NOT NULL,
            PRIMARY KEY (channel, thread_ts, ts));
        """;

    public async ValueTask DisposeAsync()
    {
        if (writer is not null) await writer.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
