using System.Globalization;
using Microsoft.Data.Sqlite;
using Newsdesk.Storage;

namespace Newsdesk.Discord.Threads;

/// <summary>The questions asked in each Discord thread, in the bot's SQLite file, so an <c>/ask</c> in a thread is
/// understood as a follow-up of the ones before it, after a restart too and by every process sharing the store.</summary>
public sealed class DiscordThreadTurnStore(SqliteConnections connections, StoreWriteHealth health, TimeProvider time) : IDiscordThreadTurnStore
{
    public static StoreSchema Schema { get; } = new(nameof(DiscordThreadTurnStore), ["discord_thread_turns"], """
        CREATE TABLE IF NOT EXISTS discord_thread_turns (
            thread_id TEXT NOT NULL,
            interaction_id INTEGER NOT NULL,
            question TEXT NOT NULL,
            added_at TEXT NOT NULL,
            PRIMARY KEY (thread_id, interaction_id));
        CREATE INDEX IF NOT EXISTS discord_thread_turns_added_at ON discord_thread_turns(added_at);
        """);

    public async Task<IReadOnlyList<string>> LoadTurnsAsync(string threadId, int limit, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT question FROM (
                SELECT question, interaction_id FROM discord_thread_turns WHERE thread_id = $thread AND added_at >= $since ORDER BY interaction_id DESC LIMIT $limit)
            ORDER BY interaction_id
            """;
        command.Parameters.AddWithValue("$thread", threadId);
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$since", Stamp(time.GetUtcNow() - maxAge));
        var turns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) turns.Add(reader.GetString(0));
        return turns;
    }

    public Task AddTurnAsync(string threadId, long interactionId, string question, int keep, TimeSpan maxAge, CancellationToken cancellationToken) =>
        health.WriteAsync("discord_thread_turns", async () =>
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO discord_thread_turns(thread_id, interaction_id, question, added_at) VALUES ($thread, $id, $question, $at)
                ON CONFLICT(thread_id, interaction_id) DO NOTHING;
                DELETE FROM discord_thread_turns WHERE thread_id = $thread AND interaction_id NOT IN (
                    SELECT interaction_id FROM discord_thread_turns WHERE thread_id = $thread ORDER BY interaction_id DESC LIMIT $keep);
                DELETE FROM discord_thread_turns WHERE added_at < $since;
                """;
            command.Parameters.AddWithValue("$thread", threadId);
            command.Parameters.AddWithValue("$id", interactionId);
            command.Parameters.AddWithValue("$question", question);
            command.Parameters.AddWithValue("$keep", keep);
            var now = time.GetUtcNow();
            command.Parameters.AddWithValue("$at", Stamp(now));
            command.Parameters.AddWithValue("$since", Stamp(now - maxAge));
            await command.ExecuteNonQueryAsync(cancellationToken);
        });

    /// <summary>Round-trip UTC stamps: ordered as text the way they are in time, so the age rule compares them in SQL.</summary>
    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
