using System.Globalization;
using Newsdesk.Storage;
using Npgsql;

namespace Newsdesk.Discord.Threads;

/// <summary>The questions asked in each Discord thread on PostgreSQL: the same rows as <see cref="DiscordThreadTurnStore"/>,
/// shared by every replica, so a follow-up is understood whichever replica the thread's next interaction reaches.</summary>
public sealed class PostgresDiscordThreadTurnStore(PostgresConnections connections, TimeProvider time) : IDiscordThreadTurnStore
{
    public static PostgresSchema Schema { get; } = new(nameof(DiscordThreadTurnStore), ["discord_thread_turns"], ["""
        CREATE TABLE discord_thread_turns (
            thread_id TEXT NOT NULL, interaction_id BIGINT NOT NULL, question TEXT NOT NULL, added_at TEXT NOT NULL,
            PRIMARY KEY (thread_id, interaction_id));
        """, "CREATE INDEX discord_thread_turns_added_at ON discord_thread_turns (added_at);"]);

    public Task<IReadOnlyList<string>> LoadTurnsAsync(string threadId, int limit, TimeSpan maxAge, CancellationToken cancellationToken) =>
        connections.ReadAsync<IReadOnlyList<string>>(async connection =>
        {
            await using var command = new NpgsqlCommand("""
                SELECT question FROM (
                    SELECT question, interaction_id FROM discord_thread_turns WHERE thread_id = @thread AND added_at >= @since ORDER BY interaction_id DESC LIMIT @limit) recent
                ORDER BY interaction_id
                """, connection);
            command.Parameters.AddWithValue("thread", threadId);
            command.Parameters.AddWithValue("limit", limit);
            command.Parameters.AddWithValue("since", Stamp(time.GetUtcNow() - maxAge));
            var turns = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) turns.Add(reader.GetString(0));
            return turns;
        }, cancellationToken);

    public Task AddTurnAsync(string threadId, long interactionId, string question, int keep, TimeSpan maxAge, CancellationToken cancellationToken) =>
        connections.WriteAsync("discord_thread_turns", async connection =>
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO discord_thread_turns(thread_id, interaction_id, question, added_at) VALUES (@thread, @id, @question, @at)
                ON CONFLICT (thread_id, interaction_id) DO NOTHING;
                DELETE FROM discord_thread_turns WHERE thread_id = @thread AND interaction_id NOT IN (
                    SELECT interaction_id FROM discord_thread_turns WHERE thread_id = @thread ORDER BY interaction_id DESC LIMIT @keep);
                DELETE FROM discord_thread_turns WHERE added_at < @since;
                """, connection);
            command.Parameters.AddWithValue("thread", threadId);
            command.Parameters.AddWithValue("id", interactionId);
            command.Parameters.AddWithValue("question", question);
            command.Parameters.AddWithValue("keep", keep);
            var now = time.GetUtcNow();
            command.Parameters.AddWithValue("at", Stamp(now));
            command.Parameters.AddWithValue("since", Stamp(now - maxAge));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Round-trip UTC stamps, as the SQLite store writes them: ordered as text the way they are in time.</summary>
    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
