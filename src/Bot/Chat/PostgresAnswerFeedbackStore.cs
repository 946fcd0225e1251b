using Newsdesk.Storage;
using Npgsql;

namespace Newsdesk.Chat;

/// <summary>Answers and their votes on PostgreSQL: the same rows as <see cref="AnswerFeedbackStore"/>, so a vote
/// reaches the answer whichever replica sent it.</summary>
public sealed class PostgresAnswerFeedbackStore(PostgresConnections connections, TimeProvider time) : IAnswerFeedbackStore
{
    public static PostgresSchema Schema { get; } = new(nameof(AnswerFeedbackStore), ["feedback_answers", "feedback_votes"], ["""
        CREATE TABLE feedback_answers (platform TEXT NOT NULL, answer_key TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL,
            citations TEXT NOT NULL, backend TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (platform, answer_key));
        CREATE TABLE feedback_votes (platform TEXT NOT NULL, answer_key TEXT NOT NULL, user_id TEXT NOT NULL, is_helpful INTEGER NOT NULL,
            question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL, created_at TEXT NOT NULL,
            PRIMARY KEY (platform, answer_key, user_id));
        """]);

    public async Task SaveAnswerAsync(string platform, string key, Answer answer, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync("""
                INSERT INTO feedback_answers(platform, answer_key, question, answer, citations, backend, created_at)
                VALUES (@platform, @key, @question, @answer, @citations, @backend, @at)
                ON CONFLICT (platform, answer_key) DO UPDATE SET question = @question, answer = @answer, citations = @citations, backend = @backend
                """, cancellationToken, ("platform", platform), ("key", key), ("question", answer.Question), ("answer", answer.Text),
                ("citations", AnswerFeedbackStore.CitationsJson(answer)), ("backend", answer.Backend), ("at", time.GetUtcNow().ToString("O")));
        }
        catch (NpgsqlException)
        {
            // As on a full disk with SQLite: the answer goes out without a remembered copy, and a vote on it is told so.
        }
    }

    public async Task<bool> SaveVoteAsync(string platform, string key, string userId, bool isHelpful, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            INSERT INTO feedback_votes(platform, answer_key, user_id, is_helpful, question, answer, citations, created_at)
            SELECT platform, answer_key, @user, @helpful, question, answer, citations, @at FROM feedback_answers
            WHERE platform = @platform AND answer_key = @key
            ON CONFLICT (platform, answer_key, user_id) DO UPDATE SET is_helpful = @helpful, created_at = @at
            """, cancellationToken, ("platform", platform), ("key", key), ("user", userId), ("helpful", isHelpful ? 1 : 0),
            ("at", time.GetUtcNow().ToString("O"))) > 0;

    public async Task<IReadOnlyList<FeedbackDay>> VotesPerDayAsync(int days, DateTimeOffset now, CancellationToken cancellationToken) =>
        await QueryAsync("""
            SELECT substr(created_at, 1, 10) AS day, platform, SUM(is_helpful)::int, SUM(1 - is_helpful)::int FROM feedback_votes
            WHERE substr(created_at, 1, 10) >= @since GROUP BY day, platform ORDER BY day, platform
            """, ("since", AnswerFeedbackStore.FirstDay(days, now)), r => new FeedbackDay(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3)), cancellationToken);

    public async Task<IReadOnlyList<RatedAnswer>> WorstRatedAsync(int limit, CancellationToken cancellationToken) =>
        await QueryAsync("""
            SELECT platform, min(question), min(answer), SUM(is_helpful)::int, SUM(1 - is_helpful)::int FROM feedback_votes
            GROUP BY platform, answer_key HAVING SUM(1 - is_helpful) > SUM(is_helpful)
            ORDER BY SUM(1 - is_helpful) - SUM(is_helpful) DESC, SUM(1 - is_helpful) DESC, platform, answer_key LIMIT @limit
            """, ("limit", limit), r => new RatedAnswer(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4)), cancellationToken);

    /// <summary>Upserts, so safe to run again after a lost connection.</summary>
    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        connections.WriteAsync(AnswerFeedbackStore.HealthName, async connection =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private Task<List<T>> QueryAsync<T>(string sql, (string Name, object Value) parameter, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken) =>
        connections.ReadAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue(parameter.Name, parameter.Value);
            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
            return rows;
        }, cancellationToken);
}
