using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Storage;

namespace Newsdesk.Chat;

/// <summary>Accepted questions not yet answered, in the bot's SQLite file, so a crash between the acknowledgement and
/// the reply loses nothing: an entry is written before the platform is told "we have it" and removed once a reply
/// (answer, decline or apology) is delivered; <see cref="ChatRecovery"/> answers what is left at the next start. A
/// journal that cannot be written (a full disk) never stops an answer: the question is answered without it, and the
/// failure is logged once until writing works again. Several processes may share the journal (a rolling deploy, two
/// replicas): each entry carries a lease, its owner's <see cref="StoreInstance"/> and an expiry the owner renews while
/// it lives, and another process takes over only an entry whose lease has expired, with a conditional update that at
/// most one taker can win.</summary>
public sealed class ChatJournal(
    SqliteConnections connections, StoreWriteHealth health, StoreInstance instance, IOptions<ChatOptions> options, TimeProvider time, ILogger<ChatJournal> logger)
    : IChatJournal, IAsyncDisposable
{
    /// <summary>The journal's one table. Only this type writes or removes its rows, including inside another store's
    /// transaction (<see cref="TryAddAsync(SqliteConnection, SqliteTransaction, ChatJournalEntry)"/>).</summary>
    public static StoreSchema Schema { get; } = new(nameof(ChatJournal), ["chat_journal"], """
        CREATE TABLE IF NOT EXISTS chat_journal (
            key TEXT PRIMARY KEY, platform TEXT NOT NULL, correlation_id TEXT NOT NULL, question TEXT NOT NULL,
            earlier_turns TEXT NOT NULL, reply TEXT NOT NULL, accepted_at INTEGER NOT NULL);
        """)
    {
        // Entries from before leases have none (owner '', expired), so the next start takes them over as it always did.
        Migrations = ["""
            ALTER TABLE chat_journal ADD COLUMN owner TEXT NOT NULL DEFAULT '';
            ALTER TABLE chat_journal ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX IF NOT EXISTS chat_journal_by_owner ON chat_journal(owner);
            """,
            // The question's thread (Question.Thread), so a recovered follow-up finds what its thread was answered
            // with; null for entries from before it and for questions outside a thread.
            "ALTER TABLE chat_journal ADD COLUMN thread TEXT NULL;"],
    };

    private const string Columns = "key, platform, correlation_id, question, earlier_turns, reply, accepted_at, thread";

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

    private async Task AddAsync(SqliteConnection connection, SqliteTransaction transaction, ChatJournalEntry entry)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO chat_journal(key, platform, correlation_id, question, earlier_turns, reply, accepted_at, thread, owner, lease_until)
            VALUES ($key, $platform, $correlation, $question, $turns, $reply, $at, $thread, $owner, $until) ON CONFLICT(key) DO NOTHING
            """;
        command.Parameters.AddWithValue("$owner", instance.Id);
        command.Parameters.AddWithValue("$until", LeaseEnd());
        command.Parameters.AddWithValue("$key", entry.Key);
        command.Parameters.AddWithValue("$platform", entry.Platform);
        command.Parameters.AddWithValue("$correlation", entry.CorrelationId);
        command.Parameters.AddWithValue("$question", entry.Question.Text);
        command.Parameters.AddWithValue("$turns", JsonSerializer.Serialize(entry.Question.EarlierTurns));
        command.Parameters.AddWithValue("$reply", entry.Reply);
        command.Parameters.AddWithValue("$at", entry.AcceptedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$thread", (object?)entry.Question.Thread ?? DBNull.Value);
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

    /// <summary>Every entry, whoever holds it (for tests and inspection; recovery uses <see cref="TakeOverExpiredAsync"/>).</summary>
    public async Task<IReadOnlyList<ChatJournalEntry>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM chat_journal ORDER BY accepted_at";
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Makes this process the owner of every entry whose lease has expired (its owner died, stalled or let it
    /// go) and returns them, oldest first. Each is taken by an update that holds only while owner and expiry are
    /// still the ones read, so of two processes taking over at once each entry goes to one.</summary>
    public async Task<IReadOnlyList<ChatJournalEntry>> TakeOverExpiredAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ChatJournalEntry> taken = [];
        await Writer.WriteAsync(async (connection, transaction) =>
        {
            await using var expired = connection.CreateCommand();
            expired.Transaction = transaction;
            expired.CommandText = $"SELECT {Columns}, owner, lease_until FROM chat_journal WHERE owner <> $me AND lease_until < $now ORDER BY accepted_at";
            expired.Parameters.AddWithValue("$me", instance.Id);
            expired.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
            var leases = new List<(ChatJournalEntry Entry, string Owner, long Until)>();
            await using (var reader = await expired.ExecuteReaderAsync())
                while (await reader.ReadAsync()) leases.Add((Read(reader), reader.GetString(8), reader.GetInt64(9)));
            var mine = new List<ChatJournalEntry>();
            foreach (var (entry, owner, until) in leases)
            {
                var took = await ExecuteAsync(connection, transaction,
                    "UPDATE chat_journal SET owner = $me, lease_until = $until WHERE key = $key AND owner = $owner AND lease_until = $was",
                    ("$me", instance.Id), ("$until", LeaseEnd()), ("$key", entry.Key), ("$owner", owner), ("$was", until));
                if (took == 1) mine.Add(entry);
            }
            taken = mine;
            return true;
        }, cancellationToken);
        return taken;
    }

    /// <summary>Extends the lease of every entry this process holds.</summary>
    public Task RenewAsync(CancellationToken cancellationToken) => Writer.WriteAsync(async (connection, transaction) =>
        await ExecuteAsync(connection, transaction, "UPDATE chat_journal SET lease_until = $until WHERE owner = $me",
            ("$until", LeaseEnd()), ("$me", instance.Id)) >= 0, cancellationToken);

    /// <summary>Renews one entry's lease; false when another process has taken it over (this one stalled past its
    /// lease), so the reply is that process's to send (or already sent: the entry is gone). True when the journal cannot tell (it cannot be written): a
    /// reply possibly sent twice, and looked up first, beats none.</summary>
    public async Task<bool> HoldsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await Writer.WriteAsync(async (connection, transaction) => await ExecuteAsync(connection, transaction,
                "UPDATE chat_journal SET lease_until = $until WHERE key = $key AND owner = $me",
                ("$until", LeaseEnd()), ("$key", key), ("$me", instance.Id)) == 1, cancellationToken);
        }
        catch (Exception error) when (error is SqliteException or InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>Lets go of one entry (<paramref name="key"/>) or of all this process holds (null), so another process
    /// takes it over at its next look instead of after the lease: on shutdown, or when a reply could not be sent.</summary>
    public async Task ReleaseAsync(string? key, CancellationToken cancellationToken)
    {
        try
        {
            await Writer.WriteAsync(async (connection, transaction) => await ExecuteAsync(connection, transaction,
                "UPDATE chat_journal SET lease_until = 0 WHERE owner = $me AND ($key IS NULL OR key = $key)",
                ("$me", instance.Id), ("$key", (object?)key ?? DBNull.Value)) >= 0, cancellationToken);
        }
        catch (Exception error) when (error is SqliteException or InvalidOperationException or OperationCanceledException)
        {
            logger.LogWarning("Could not release chat journal leases: {Error}; they expire on their own", error.Message);
        }
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<IReadOnlyList<ChatJournalEntry>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<ChatJournalEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) entries.Add(Read(reader));
        return entries;
    }

    private static ChatJournalEntry Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2),
            new Question(reader.GetString(3), JsonSerializer.Deserialize<List<string>>(reader.GetString(4)) ?? []) { Thread = reader.IsDBNull(7) ? null : reader.GetString(7) },
            reader.GetString(5), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)));

    private long LeaseEnd() => (time.GetUtcNow() + options.Value.JournalLease).ToUnixTimeMilliseconds();

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
