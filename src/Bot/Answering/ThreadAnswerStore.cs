using System.Text.Json;
using Newsdesk.Storage;

namespace Newsdesk.Answering;

/// <summary>What each thread turn was answered with, in the bot's SQLite file, so a follow-up is not handed its
/// previous answer again after a restart or when another process sharing the store answered that turn. Entries older
/// than the age limit are removed with each write (the index on <c>said_at</c> keeps that a short range delete).</summary>
public sealed class ThreadAnswerStore(SqliteConnections connections, StoreWriteHealth health, TimeProvider time) : IThreadAnswerStore
{
    public static StoreSchema Schema { get; } = new(nameof(ThreadAnswerStore), ["thread_answers"], """
        CREATE TABLE IF NOT EXISTS thread_answers (
            thread TEXT NOT NULL,
            turn TEXT NOT NULL,
            sentences TEXT NOT NULL,
            said_at INTEGER NOT NULL,
            PRIMARY KEY (thread, turn));
        CREATE INDEX IF NOT EXISTS thread_answers_by_age ON thread_answers(said_at);
        """);

    public async Task<IReadOnlySet<string>?> RecallAsync(string thread, string turn, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sentences FROM thread_answers WHERE thread = $thread AND turn = $turn AND said_at >= $since";
        command.Parameters.AddWithValue("$thread", thread);
        command.Parameters.AddWithValue("$turn", turn);
        command.Parameters.AddWithValue("$since", (time.GetUtcNow() - maxAge).ToUnixTimeMilliseconds());
        return await command.ExecuteScalarAsync(cancellationToken) is string sentences ? ThreadAnswers.Parse(sentences) : null;
    }

    public Task RememberAsync(string thread, string turn, IReadOnlyCollection<string> sentences, TimeSpan maxAge, CancellationToken cancellationToken) =>
        health.WriteAsync("thread_answers", async () =>
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO thread_answers(thread, turn, sentences, said_at) VALUES ($thread, $turn, $sentences, $now)
                ON CONFLICT(thread, turn) DO UPDATE SET sentences = excluded.sentences, said_at = excluded.said_at;
                DELETE FROM thread_answers WHERE said_at < $since;
                """;
            var now = time.GetUtcNow();
            command.Parameters.AddWithValue("$thread", thread);
            command.Parameters.AddWithValue("$turn", turn);
            command.Parameters.AddWithValue("$sentences", JsonSerializer.Serialize(sentences));
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$since", (now - maxAge).ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken);
        });
}
