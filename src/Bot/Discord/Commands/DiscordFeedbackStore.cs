using System.Text.Json;
using Microsoft.Data.Sqlite;
using Newsdesk.Chat;
using Newsdesk.Storage;

namespace Newsdesk.Discord.Commands;

/// <summary>Answers sent on Discord and the 👍/👎 given to them, in the bot's SQLite file. Each vote row carries the
/// question, the answer and its citations, so feedback can be read without the answer table.</summary>
public sealed class DiscordFeedbackStore(SqliteConnections connections, StoreWriteHealth health, TimeProvider time)
{
    /// <summary>Remembers an answer for its feedback buttons. On a full disk it is not remembered and the answer is
    /// still sent: a vote on it is then told the answer is unknown, which beats an apology instead of the answer.</summary>
    public async Task SaveAnswerAsync(string key, Answer answer, CancellationToken cancellationToken)
    {
        try
        {
            await health.WriteAsync("discord_feedback", () => InsertAnswerAsync(key, answer, cancellationToken));
        }
        catch (SqliteException exception) when (StoreWriteHealth.CannotWrite(exception))
        {
        }
    }

    private async Task InsertAnswerAsync(string key, Answer answer, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO discord_answers(answer_key, question, answer, citations, backend, created_at)
            VALUES ($key, $question, $answer, $citations, $backend, $at)
            ON CONFLICT(answer_key) DO UPDATE SET question = $question, answer = $answer, citations = $citations, backend = $backend
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$question", answer.Question);
        command.Parameters.AddWithValue("$answer", answer.Text);
        command.Parameters.AddWithValue("$citations", JsonSerializer.Serialize(answer.Citations.Select(c => new
        {
            number = c.Number, title = c.Title, source = c.Source, url = c.Url?.ToString(), quote = c.Quote,
        })));
        command.Parameters.AddWithValue("$backend", answer.Backend);
        command.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O"));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records (or changes) one person's vote on one answer; false when the answer is unknown.</summary>
    public async Task<bool> SaveFeedbackAsync(string key, string userId, bool isHelpful, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO discord_feedback(answer_key, user_id, is_helpful, question, answer, citations, created_at)
            SELECT answer_key, $user, $helpful, question, answer, citations, $at FROM discord_answers WHERE answer_key = $key
            ON CONFLICT(answer_key, user_id) DO UPDATE SET is_helpful = $helpful, created_at = $at
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$helpful", isHelpful ? 1 : 0);
        command.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O"));
        return await health.WriteAsync("discord_feedback", () => command.ExecuteNonQueryAsync(cancellationToken)) > 0;
    }

    /// <summary>Answers kept for feedback, and the feedback given; beside the corpus tables in the same file.</summary>
    public static StoreSchema Schema { get; } = new(nameof(DiscordFeedbackStore), ["discord_answers", "discord_feedback"], """
        CREATE TABLE IF NOT EXISTS discord_answers (
            answer_key TEXT PRIMARY KEY,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            citations TEXT NOT NULL,
            backend TEXT NOT NULL,
            created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS discord_feedback (
            answer_key TEXT NOT NULL,
            user_id TEXT NOT NULL,
            is_helpful INTEGER NOT NULL,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            citations TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (answer_key, user_id));
        """);
}
