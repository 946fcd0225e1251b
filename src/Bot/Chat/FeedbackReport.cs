using System.Globalization;
using Newsdesk.Storage;

namespace Newsdesk.Chat;

/// <summary>What people said about the answers, for the <c>feedback</c> verb: votes per day and platform, and the
/// worst-rated answers with their questions, so an operator sees what to fix. Reads the votes
/// <see cref="AnswerFeedbackStore"/> writes; a store where that table is absent (no adapter ever on) has no votes.</summary>
public sealed class FeedbackReport(SqliteConnections connections)
{
    public async Task<IReadOnlyList<FeedbackDay>> VotesPerDayAsync(int days, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now.UtcDateTime.Date.AddDays(1 - days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rows = await QueryAsync("""
            SELECT substr(created_at, 1, 10) AS day, platform, SUM(is_helpful), SUM(1 - is_helpful) FROM feedback_votes
            WHERE substr(created_at, 1, 10) >= $since GROUP BY day, platform
            """, since, r => new FeedbackDay(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3)), cancellationToken);
        return [.. rows.OrderBy(r => r.Day, StringComparer.Ordinal).ThenBy(r => r.Platform, StringComparer.Ordinal)];
    }

    /// <summary>Answers with more 👎 than 👍, most 👎 first.</summary>
    public async Task<IReadOnlyList<RatedAnswer>> WorstRatedAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync("""
            SELECT platform, question, answer, SUM(is_helpful), SUM(1 - is_helpful) FROM feedback_votes
            GROUP BY platform, answer_key HAVING SUM(1 - is_helpful) > SUM(is_helpful)
            """, "", r => new RatedAnswer(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4)), cancellationToken);
        return [.. rows.OrderByDescending(r => r.Unhelpful - r.Helpful).ThenByDescending(r => r.Unhelpful).Take(limit)];
    }

    private async Task<List<T>> QueryAsync<T>(string sql, string parameter, Func<System.Data.Common.DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'feedback_votes'";
        if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0) return [];
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$since", parameter);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
        return rows;
    }
}
