using System.Text.Json;
using Microsoft.Data.Sqlite;
using Newsdesk.Chat;
using Newsdesk.Storage;

namespace Newsdesk.Slack.Interactions;

/// <summary>Answers sent on Slack and the 👍/👎 given to them. A vote row carries the question, the answer and its
/// citations, so feedback reads without the answer table; one row per person and answer, so a click delivered twice
/// (a retry, a double click) is still one vote.</summary>
public sealed class SlackFeedbackStore(SqliteConnections connections, StoreWriteHealth health, TimeProvider time)
{
    public static StoreSchema Schema { get; } = new(nameof(SlackFeedbackStore), ["slack_answers", "slack_feedback"], """
        CREATE TABLE IF NOT EXISTS slack_answers (
            answer_key TEXT PRIMARY KEY,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            citations TEXT NOT NULL,
            backend TEXT NOT NULL,
            created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS slack_feedback (
            answer_key TEXT NOT NULL,
            user_id TEXT NOT NULL,
            is_helpful INTEGER NOT NULL,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            citations TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (answer_key, user_id));
        """);

    /// <summary>Remembers an answer for its buttons; on a full disk it is not remembered and the answer still goes out
    /// (a vote on it is then not recorded), which beats an apology instead of the answer.</summary>
    public async Task SaveAnswerAsync(string key, Answer answer, CancellationToken cancellationToken)
    {
        try
        {
            await health.WriteAsync("slack_feedback", async () =>
            {
                await using var connection = await connections.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT OR IGNORE INTO slack_answers(answer_key, question, answer, citations, backend, created_at)
                    VALUES ($key, $question, $answer, $citations, $backend, $at)
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
            });
        }
        catch (SqliteException exception) when (StoreWriteHealth.CannotWrite(exception))
        {
        }
    }

    /// <summary>Records (or changes) one person's vote on one answer; false when the answer is unknown.</summary>
    public async Task<bool> SaveVoteAsync(string key, string userId, bool isHelpful, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO slack_feedback(answer_key, user_id, is_helpful, question, answer, citations, created_at)
            SELECT answer_key, $user, $helpful, question, answer, citations, $at FROM slack_answers WHERE answer_key = $key
            ON CONFLICT(answer_key, user_id) DO UPDATE SET is_helpful = $helpful, created_at = $at
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$helpful", isHelpful ? 1 : 0);
        command.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O"));
        return await health.WriteAsync("slack_feedback", () => command.ExecuteNonQueryAsync(cancellationToken)) > 0;
    }
}
