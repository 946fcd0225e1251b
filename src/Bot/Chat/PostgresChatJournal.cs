using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Storage;
using Npgsql;

namespace Newsdesk.Chat;

/// <summary>The chat journal on PostgreSQL, for replicas on several machines: the same entries and leases as
/// <see cref="ChatJournal"/>. A take-over is one statement that locks the expired rows it takes and skips rows another
/// process is taking at that moment, so two takers get disjoint sets. Lease times are milliseconds on each process's
/// own clock (its <see cref="TimeProvider"/>), so hosts need synchronised clocks; a skew well under the lease is
/// harmless. A failing write is logged once per outage and never stops an answer, as on SQLite.</summary>
public sealed class PostgresChatJournal(
    PostgresConnections connections, StoreInstance instance, IOptions<ChatOptions> options, TimeProvider time, ILogger<PostgresChatJournal> logger)
    : IChatJournal
{
    public static PostgresSchema Schema { get; } = new(nameof(ChatJournal), ["chat_journal"], ["""
        CREATE TABLE chat_journal (
            key TEXT PRIMARY KEY, platform TEXT NOT NULL, correlation_id TEXT NOT NULL, question TEXT NOT NULL,
            earlier_turns TEXT NOT NULL, reply TEXT NOT NULL, accepted_at BIGINT NOT NULL,
            owner TEXT NOT NULL, lease_until BIGINT NOT NULL);
        CREATE INDEX chat_journal_by_owner ON chat_journal(owner);
        """,
        // The question's thread (Question.Thread), so a recovered follow-up finds what its thread was answered with;
        // null for entries from before it and for questions outside a thread.
        "ALTER TABLE chat_journal ADD COLUMN thread TEXT;"]);

    /// <summary>The name its writes carry in <see cref="StoreWriteHealth"/>, as on SQLite.</summary>
    private const string Kind = "chat_journal";

    private const string Columns = "key, platform, correlation_id, question, earlier_turns, reply, accepted_at, thread";

    private int isFailing;

    public async Task<bool> TryAddAsync(ChatJournalEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync($"""
                INSERT INTO chat_journal({Columns}, owner, lease_until)
                VALUES (@key, @platform, @correlation, @question, @turns, @reply, @at, @thread, @me, @until) ON CONFLICT (key) DO NOTHING
                """, cancellationToken, ("key", entry.Key), ("platform", entry.Platform), ("correlation", entry.CorrelationId),
                ("question", entry.Question.Text), ("turns", JsonSerializer.Serialize(entry.Question.EarlierTurns)), ("reply", entry.Reply),
                ("at", entry.AcceptedAt.ToUnixTimeMilliseconds()), ("thread", (object?)entry.Question.Thread ?? DBNull.Value), ("me", instance.Id), ("until", LeaseEnd()));
            Succeeded();
            return true;
        }
        catch (NpgsqlException error)
        {
            Failed(error.Message);
            return false;
        }
    }

    /// <summary>Adds the entry inside another store's transaction (Slack writes it with the thread's turn, in one
    /// commit). A failing write is rolled back to a savepoint, so the rest of that transaction stands; false (and
    /// logged once per outage) when the entry could not be written.</summary>
    public async Task<bool> TryAddAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ChatJournalEntry entry, CancellationToken cancellationToken)
    {
        await transaction.SaveAsync("journal", cancellationToken);
        try
        {
            await using var command = Command(connection, $"""
                INSERT INTO chat_journal({Columns}, owner, lease_until)
                VALUES (@key, @platform, @correlation, @question, @turns, @reply, @at, @thread, @me, @until) ON CONFLICT (key) DO NOTHING
                """, [("key", entry.Key), ("platform", entry.Platform), ("correlation", entry.CorrelationId),
                ("question", entry.Question.Text), ("turns", JsonSerializer.Serialize(entry.Question.EarlierTurns)), ("reply", entry.Reply),
                ("at", entry.AcceptedAt.ToUnixTimeMilliseconds()), ("thread", (object?)entry.Question.Thread ?? DBNull.Value), ("me", instance.Id), ("until", LeaseEnd())]);
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.ReleaseAsync("journal", cancellationToken);
            Succeeded();
            return true;
        }
        catch (PostgresException error) when (!PostgresConnections.IsConnectionLost(error))
        {
            await transaction.RollbackAsync("journal", cancellationToken);
            Failed(error.Message);
            return false;
        }
    }

    /// <summary>Removes the entry inside another store's transaction (a question refused after it was journalled).</summary>
    public static async Task RemoveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("DELETE FROM chat_journal WHERE key = @key", connection, transaction);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Logged once per outage, not once per question. Public for a store that could not open its transaction.</summary>
    public void Failed(string error)
    {
        if (Interlocked.Exchange(ref isFailing, 1) == 0)
            logger.LogError("The chat journal could not be written ({Error}); questions are answered without it until it can", error);
    }

    private void Succeeded()
    {
        if (Interlocked.Exchange(ref isFailing, 0) == 1) logger.LogInformation("The chat journal is writable again");
    }

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        try { await ExecuteAsync("DELETE FROM chat_journal WHERE key = @key", cancellationToken, ("key", key)); }
        catch (Exception error) when (error is NpgsqlException or OperationCanceledException)
        {
            logger.LogWarning("Could not remove answered question {Key} from the chat journal: {Error}", key, error.Message);
        }
    }

    public Task<IReadOnlyList<ChatJournalEntry>> LoadAsync(CancellationToken cancellationToken) =>
        connections.ReadAsync(connection => QueryAsync(connection, $"SELECT {Columns} FROM chat_journal", cancellationToken), cancellationToken);

    /// <summary>Run again after a lost connection, a take-over that committed but whose answer was lost leaves those
    /// entries leased to this process without being queued; they are queued after this process's next restart.</summary>
    public Task<IReadOnlyList<ChatJournalEntry>> TakeOverExpiredAsync(CancellationToken cancellationToken) =>
        connections.WriteAsync(Kind, connection => QueryAsync(connection, $"""
        UPDATE chat_journal SET owner = @me, lease_until = @until
        WHERE key IN (SELECT key FROM chat_journal WHERE owner <> @me AND lease_until < @now FOR UPDATE SKIP LOCKED)
        RETURNING {Columns}
        """, cancellationToken, ("me", instance.Id), ("until", LeaseEnd()), ("now", time.GetUtcNow().ToUnixTimeMilliseconds())), cancellationToken);

    public Task RenewAsync(CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE chat_journal SET lease_until = @until WHERE owner = @me", cancellationToken, ("until", LeaseEnd()), ("me", instance.Id));

    public async Task<bool> HoldsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync("UPDATE chat_journal SET lease_until = @until WHERE key = @key AND owner = @me", cancellationToken,
                ("until", LeaseEnd()), ("key", key), ("me", instance.Id)) == 1;
        }
        catch (NpgsqlException)
        {
            return true;
        }
    }

    public async Task ReleaseAsync(string? key, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync("UPDATE chat_journal SET lease_until = 0 WHERE owner = @me AND (@key::text IS NULL OR key = @key)", cancellationToken,
                ("me", instance.Id), ("key", (object?)key ?? DBNull.Value));
        }
        catch (Exception error) when (error is NpgsqlException or OperationCanceledException)
        {
            logger.LogWarning("Could not release chat journal leases: {Error}; they expire on their own", error.Message);
        }
    }

    /// <summary>Every statement here is safe to run again (an insert that ignores a conflict, an update to a value
    /// computed before the first try), so a lost connection is retried.</summary>
    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        connections.WriteAsync(Kind, async connection =>
        {
            await using var command = Command(connection, sql, parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private static async Task<IReadOnlyList<ChatJournalEntry>> QueryAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        var entries = new List<ChatJournalEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            entries.Add(new(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                new Question(reader.GetString(3), JsonSerializer.Deserialize<List<string>>(reader.GetString(4)) ?? []) { Thread = reader.IsDBNull(7) ? null : reader.GetString(7) },
                reader.GetString(5), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        return [.. entries.OrderBy(e => e.AcceptedAt)];
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    private long LeaseEnd() => (time.GetUtcNow() + options.Value.JournalLease).ToUnixTimeMilliseconds();
}
