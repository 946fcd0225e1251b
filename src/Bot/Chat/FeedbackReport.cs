using System.Globalization;
using Newsdesk.Storage;

namespace Newsdesk.Chat;

/// <summary>What people said about the answers, for the <c>feedback</c> verb: votes per day and platform, and the
/// worst-rated answers with their questions, so an operator sees what to fix. Reads the vote tables the Discord and
/// Slack adapters write (each owns its own); a table that is absent (an adapter never on) counts as no votes.</summary>
public sealed class FeedbackReport(SqliteConnections connections)
{
    private static readonly (string Platform, string Table)[] VoteTables = [("Discord", "discord_feedback"), ("Slack", "slack_feedback")];

    public async Task<IReadOnlyList<FeedbackDay>> VotesPerDayAsync(int days, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now.UtcDateTime.Date.AddDays(1 - days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rows = new List<FeedbackDay>();
        await foreach (var (platform, table) in PresentAsync(cancellationToken))
        {
            var result = await QueryAsync($"""
                SELECT substr(created_at, 1, 10) AS day, SUM(is_helpful), SUM(1 - is_helpful) FROM {table}
                WHERE substr(created_at, 1, 10) >= $since GROUP BY day
                """, since, r => new FeedbackDay(r.GetString(0), platform, r.GetInt32(1), r.GetInt32(2)), cancellationToken);
            rows.AddRange(result);
        }
        return [.. rows.OrderBy(r => r.Day, StringComparer.Ordinal).ThenBy(r => r.Platform, StringComparer.Ordinal)];
    }

    /// <summary>Answers with more 👎 than 👍, most 👎 first.</summary>
    public async Task<IReadOnlyList<RatedAnswer>> WorstRatedAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = new List<RatedAnswer>();
        await foreach (var (platform, table) in PresentAsync(cancellationToken))
        {
            rows.AddRange(await QueryAsync($"""
                SELECT question, answer, SUM(is_helpful), SUM(1 - is_helpful) FROM {table}
                GROUP BY answer_key HAVING SUM(1 - is_helpful) > SUM(is_helpful)
                """, "", r => new RatedAnswer(platform, r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3)), cancellationToken));
        }
        return [.. rows.OrderByDescending(r => r.Unhelpful - r.Helpful).ThenByDescending(r => r.Unhelpful).Take(limit)];
    }

    private async IAsyncEnumerable<(string Platform, string Table)> PresentAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (platform, table) in VoteTables)
        {
            var found = await QueryAsync("SELECT name FROM sqlite_master WHERE type = 'table' AND name = $since", table, r => r.GetString(0), cancellationToken);
            if (found.Count > 0) yield return (platform, table);
        }
    }

    private async Task<List<T>> QueryAsync<T>(string sql, string parameter, Func<System.Data.Common.DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$since", parameter);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
        return rows;
    }
}
