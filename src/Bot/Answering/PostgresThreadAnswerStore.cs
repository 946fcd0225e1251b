using System.Text.Json;
using Newsdesk.Storage;
using Npgsql;

namespace Newsdesk.Answering;

/// <summary>What each thread turn was answered with, on PostgreSQL: the same entries as <see cref="ThreadAnswerStore"/>,
/// so the replica answering a follow-up finds what another replica's answer to the previous turn said.</summary>
public sealed class PostgresThreadAnswerStore(PostgresConnections connections, TimeProvider time) : IThreadAnswerStore
{
    public static PostgresSchema Schema { get; } = new(nameof(ThreadAnswerStore), ["thread_answers"], ["""
        CREATE TABLE thread_answers (thread TEXT NOT NULL, turn TEXT NOT NULL, sentences TEXT NOT NULL, said_at BIGINT NOT NULL,
            PRIMARY KEY (thread, turn));
        CREATE INDEX thread_answers_by_age ON thread_answers(said_at);
        """]);

    public Task<IReadOnlySet<string>?> RecallAsync(string thread, string turn, TimeSpan maxAge, CancellationToken cancellationToken) =>
        connections.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT sentences FROM thread_answers WHERE thread = @thread AND turn = @turn AND said_at >= @since", connection);
            command.Parameters.AddWithValue("thread", thread);
            command.Parameters.AddWithValue("turn", turn);
            command.Parameters.AddWithValue("since", (time.GetUtcNow() - maxAge).ToUnixTimeMilliseconds());
            return await command.ExecuteScalarAsync(cancellationToken) is string sentences ? ThreadAnswers.Parse(sentences) : null;
        }, cancellationToken);

    /// <summary>An upsert and an age delete, each safe to run again after a lost connection.</summary>
    public Task RememberAsync(string thread, string turn, IReadOnlyCollection<string> sentences, TimeSpan maxAge, CancellationToken cancellationToken) =>
        connections.WriteAsync("thread_answers", async connection =>
        {
            var now = time.GetUtcNow();
            await using var upsert = new NpgsqlCommand("""
                INSERT INTO thread_answers(thread, turn, sentences, said_at) VALUES (@thread, @turn, @sentences, @now)
                ON CONFLICT (thread, turn) DO UPDATE SET sentences = excluded.sentences, said_at = excluded.said_at
                """, connection);
            upsert.Parameters.AddWithValue("thread", thread);
            upsert.Parameters.AddWithValue("turn", turn);
            upsert.Parameters.AddWithValue("sentences", JsonSerializer.Serialize(sentences));
            upsert.Parameters.AddWithValue("now", now.ToUnixTimeMilliseconds());
            await upsert.ExecuteNonQueryAsync(cancellationToken);
            await using var prune = new NpgsqlCommand("DELETE FROM thread_answers WHERE said_at < @since", connection);
            prune.Parameters.AddWithValue("since", (now - maxAge).ToUnixTimeMilliseconds());
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
}
