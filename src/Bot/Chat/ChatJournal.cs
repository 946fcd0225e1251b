using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Newsdesk.Storage;

namespace Newsdesk.Chat;

/// <summary>Accepted questions not yet answered, in the bot's SQLite file, so a crash between the acknowledgement and
/// the reply loses nothing: an entry is written before the platform is told "we have it" and removed once a reply
/// (answer, decline or apology) is delivered; <see cref="ChatRecovery"/> answers what is left at the next start. A
/// journal that cannot be written (a full disk) never stops an answer: the question is answered without it, and the
/// failure is logged once until writing works again.</summary>
public sealed class ChatJournal(SqliteConnections connections, StoreWriteHealth health, ILogger<ChatJournal> logger) : IAsyncDisposable
{
    /// <summary>The journal's one table. Only this type writes or removes its rows, including inside another store's
    /// transaction (<see cref="TryAddAsync(SqliteConnection, SqliteTransaction, ChatJournalEntry)"/>).</summary>
    public static StoreSchema Schema { get; } = new(nameof(ChatJournal), ["chat_journal"], """
        CREATE TABLE IF NOT EXISTS chat_journal (
            key TEXT PRIMARY KEY, platform TEXT NOT NULL, correlation_id TEXT NOT NULL, question TEXT NOT NULL,
            earlier_turns TEXT NOT NULL, reply TEXT NOT NULL, accepted_at INTEGER NOT NULL);
        """);

    private SqliteWriteBatcher? writer;
    private int isFailing;

    private SqliteWriteBatcher Writer => LazyInitializer.EnsureInitialized(ref writer, () => new SqliteWriteBatcher("chat journal", OpenAsync));

    /// <summary>Adds the entry in a group commit; false (and logged) when it could not be written.</summary>
    public async Task<bool> TryAddAsync(ChatJournalEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await health.WriteAsync("chat_journal", () => Writer.WriteAsync(async (connection, transaction) =>
            {
                await AddAsync(connection, transaction, entry);
                return true;
            }, cancellationToken));
            Succeeded();
            return true;
        }
        catch (Exception error) when (error is SqliteException or InvalidOperationException)
        {
            Failed(error.Message);
            return false;
        }
    }

    /// <summary>Adds the entry inside another store's transaction (Slack writes it with the event's claim, in one
    /// commit). A failing write is rolled back to a savepoint, so the rest of that transaction stands; false (and
    /// logged once per outage) when the entry could not be written.</summary>
    public async Task<bool> TryAddAsync(SqliteConnection connection, SqliteTransaction transaction, ChatJournalEntry entry)
    {
        transaction.Save("journal");
        try
        {
            await AddAsync(connection, transaction, entry);
            transaction.Release("journal");
            Succeeded();
            return true;
        }
        catch (SqliteException error) when (!StoreWriteHealth.CannotWrite(error))
        {
            transaction.Rollback("journal");
            Failed(error.Message);
            return false;
        }
    }

    /// <summary>Removes the entry inside another store's transaction (a question refused after it was journalled).</summary>
    public static async Task RemoveAsync(SqliteConnection connection, SqliteTransaction transaction, string key)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM chat_journal WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task AddAsync(SqliteConnection connection, SqliteTransaction transaction, ChatJournalEntry entry)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO chat_journal(key, platform, correlation_id, question, earlier_turns, reply, accepted_at)
            VALUES ($key, $platform, $correlation, $question, $turns, $reply, $at) ON CONFLICT(key) DO NOTHING
            """;
        command.Parameters.AddWithValue("$key", entry.Key);
        command.Parameters.AddWithValue("$platform", entry.Platform);
        command.Parameters.AddWithValue("$correlation", entry.CorrelationId);
        command.Parameters.AddWithValue("$question", entry.Question.Text);
        command.Parameters.AddWithValue("$turns", JsonSerializer.Serialize(entry.Question.EarlierTurns));
        command.Parameters.AddWithValue("$reply", entry.Reply);
        command.Parameters.AddWithValue("$at", entry.AcceptedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Removes the entry; a failure is logged, never thrown (a stale entry is checked before it is answered
    /// again, so at worst it costs a look-up after the next restart).</summary>
    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await health.WriteAsync("chat_journal", () => Writer.WriteAsync(async (connection, transaction) =>
            {
                await RemoveAsync(connection, transaction, key);
                return true;
            }, cancellationToken));
        }
        catch (Exception error) when (error is SqliteException or InvalidOperationException or OperationCanceledException)
        {
            logger.LogWarning("Could not remove answered question {Key} from the chat journal: {Error}", key, error.Message);
        }
    }

    public async Task<IReadOnlyList<ChatJournalEntry>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, platform, correlation_id, question, earlier_turns, reply, accepted_at FROM chat_journal ORDER BY accepted_at";
        var entries = new List<ChatJournalEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var turns = JsonSerializer.Deserialize<List<string>>(reader.GetString(4)) ?? [];
            entries.Add(new ChatJournalEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), new Question(reader.GetString(3), turns),
                reader.GetString(5), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }
        return entries;
    }

    private void Succeeded()
    {
        if (Interlocked.Exchange(ref isFailing, 0) == 1) logger.LogInformation("The chat journal is writable again; accepted questions survive a restart again");
    }

    /// <summary>Logged once per outage, not once per question: under load that would be thousands of lines. Public for
    /// a store that could not open its transaction at all (a full disk), so the entry was never attempted.</summary>
    public void Failed(string error)
    {
        if (Interlocked.Exchange(ref isFailing, 1) == 0)
            logger.LogError("The chat journal could not be written ({Error}); questions are answered without it until it can, and a crash meanwhile loses the ones in flight", error);
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => connections.OpenAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (writer is not null) await writer.DisposeAsync();
    }
}
