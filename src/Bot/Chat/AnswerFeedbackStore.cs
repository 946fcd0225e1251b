using System.Text.Json;
using Microsoft.Data.Sqlite;
using Newsdesk.Storage;

namespace Newsdesk.Chat;

/// <summary>Answers sent on any platform and the 👍/👎 given to them, one table for every platform (a platform
/// column says which). A vote row carries the question, the answer and its citations, so feedback reads without the
/// answer table; one row per platform, answer and person, so a click delivered twice (a retry, a double click) is
/// still one vote. It also answers the reports on them (the <c>feedback</c> verb, the worst-rated answers on /metrics).</summary>
public sealed class AnswerFeedbackStore(SqliteConnections connections, StoreWriteHealth health, TimeProvider time) : IAnswerFeedbackStore
{
    /// <summary>The name its writes carry in <see cref="StoreWriteHealth"/> (metrics, logs, /readyz).</summary>
    public const string HealthName = "answer_feedback";

    public static StoreSchema Schema { get; } = new(nameof(AnswerFeedbackStore), ["feedback_answers", "feedback_votes"], """
        CREATE TABLE IF NOT EXISTS feedback_answers (
            platform TEXT NOT NULL,
            answer_key TEXT NOT NULL,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            citations TEXT NOT NULL,
            backend TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (platform, answer_key));
        CREATE TABLE IF NOT EXISTS feedback_votes (
            platform TEXT NOT NULL,
            answer_key TEXT NOT NULL,
            user_id TEXT NOT NULL,
            is_helpful INTEGER NOT NULL,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            citations TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (platform, answer_key, user_id));
        """)
    {
        // Until this store, each adapter kept its own pair of tables with the same columns. Their rows move here once;
        // the old tables are created first when absent (an adapter that was never on), so one statement list fits
        // every existing file.
        Migrations = [$"""
            {LegacyTables("discord")}
            {LegacyTables("slack")}
            INSERT OR IGNORE INTO feedback_answers(platform, answer_key, question, answer, citations, backend, created_at)
                SELECT 'Discord', answer_key, question, answer, citations, backend, created_at FROM discord_answers;
            INSERT OR IGNORE INTO feedback_answers(platform, answer_key, question, answer, citations, backend, created_at)
                SELECT 'Slack', answer_key, question, answer, citations, backend, created_at FROM slack_answers;
            INSERT OR IGNORE INTO feedback_votes(platform, answer_key, user_id, is_helpful, question, answer, citations, created_at)
                SELECT 'Discord', answer_key, user_id, is_helpful, question, answer, citations, created_at FROM discord_feedback;
            INSERT OR IGNORE INTO feedback_votes(platform, answer_key, user_id, is_helpful, question, answer, citations, created_at)
                SELECT 'Slack', answer_key, user_id, is_helpful, question, answer, citations, created_at FROM slack_feedback;
            DROP TABLE discord_feedback; DROP TABLE discord_answers; DROP TABLE slack_feedback; DROP TABLE slack_answers;
            """],
    };

    /// <summary>Remembers an answer for its feedback buttons (a key answered again keeps its latest answer, as the
    /// platform's message shows it). On a full disk it is not remembered and the answer is still sent: a vote on it
    /// is then told the answer is unknown, which beats an apology instead of the answer.</summary>
    public async Task SaveAnswerAsync(string platform, string key, Answer answer, CancellationToken cancellationToken)
    {
        try
        {
            await health.WriteAsync(HealthName, async () =>
            {
                await using var connection = await connections.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO feedback_answers(platform, answer_key, question, answer, citations, backend, created_at)
                    VALUES ($platform, $key, $question, $answer, $citations, $backend, $at)
                    ON CONFLICT(platform, answer_key) DO UPDATE SET question = $question, answer = $answer, citations = $citations, backend = $backend
                    """;
                command.Parameters.AddWithValue("$platform", platform);
                command.Parameters.AddWithValue("$key", key);
                command.Parameters.AddWithValue("$question", answer.Question);
                command.Parameters.AddWithValue("$answer", answer.Text);
                command.Parameters.AddWithValue("$citations", CitationsJson(answer));
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
    public async Task<bool> SaveVoteAsync(string platform, string key, string userId, bool isHelpful, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feedback_votes(platform, answer_key, user_id, is_helpful, question, answer, citations, created_at)
            SELECT platform, answer_key, $user, $helpful, question, answer, citations, $at FROM feedback_answers
            WHERE platform = $platform AND answer_key = $key
            ON CONFLICT(platform, answer_key, user_id) DO UPDATE SET is_helpful = $helpful, created_at = $at
            """;
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$helpful", isHelpful ? 1 : 0);
        command.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O"));
        return await health.WriteAsync(HealthName, () => command.ExecuteNonQueryAsync(cancellationToken)) > 0;
    }

    public async Task<IReadOnlyList<FeedbackDay>> VotesPerDayAsync(int days, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync("""
            SELECT substr(created_at, 1, 10) AS day, platform, SUM(is_helpful), SUM(1 - is_helpful) FROM feedback_votes
            WHERE substr(created_at, 1, 10) >= $since GROUP BY day, platform ORDER BY day, platform
            """, FirstDay(days, now), r => new FeedbackDay(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3)), cancellationToken);
        return rows;
    }

    public async Task<IReadOnlyList<RatedAnswer>> WorstRatedAsync(int limit, CancellationToken cancellationToken) =>
        await QueryAsync("""
            SELECT platform, question, answer, SUM(is_helpful), SUM(1 - is_helpful) FROM feedback_votes
            GROUP BY platform, answer_key HAVING SUM(1 - is_helpful) > SUM(is_helpful)
            ORDER BY SUM(1 - is_helpful) - SUM(is_helpful) DESC, SUM(1 - is_helpful) DESC, platform, answer_key LIMIT $limit
            """, limit, r => new RatedAnswer(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4)), cancellationToken);

    /// <summary>The first day (UTC, "yyyy-MM-dd") of the last <paramref name="days"/> days up to <paramref name="now"/>.</summary>
    public static string FirstDay(int days, DateTimeOffset now) =>
        now.UtcDateTime.Date.AddDays(1 - days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The citations as the vote rows keep them (JSON), the same on every provider.</summary>
    public static string CitationsJson(Answer answer) => JsonSerializer.Serialize(answer.Citations.Select(c => new
    {
        number = c.Number, title = c.Title, source = c.Source, url = c.Url?.ToString(), quote = c.Quote,
    }));

    private async Task<List<T>> QueryAsync<T>(string sql, object parameter, Func<System.Data.Common.DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$since", parameter);
        command.Parameters.AddWithValue("$limit", parameter);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
        return rows;
    }

    private static string LegacyTables(string platform) => $"""
        CREATE TABLE IF NOT EXISTS {platform}_answers (answer_key TEXT PRIMARY KEY, question TEXT NOT NULL, answer TEXT NOT NULL,
            citations TEXT NOT NULL, backend TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS {platform}_feedback (answer_key TEXT NOT NULL, user_id TEXT NOT NULL, is_helpful INTEGER NOT NULL,
            question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (answer_key, user_id));
        """;
}
