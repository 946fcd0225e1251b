using Newsdesk.Storage;
using Npgsql;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Each feed's health on PostgreSQL: the same rows as <see cref="FeedHealthRecords"/>, shared by every
/// replica, so one that did not poll a feed (another held its lock) reports the poll that was made.</summary>
public sealed class PostgresFeedHealthRecords(PostgresConnections connections) : IFeedHealthRecords
{
    public static PostgresSchema Schema { get; } = new(nameof(FeedHealthRecords), ["feed_health"], ["""
        CREATE TABLE feed_health (
            feed_url TEXT PRIMARY KEY,
            last_success_at TIMESTAMPTZ NULL,
            last_error_at TIMESTAMPTZ NULL,
            last_error TEXT NULL,
            consecutive_failures INTEGER NOT NULL DEFAULT 0);
        """]);

    public Task RecordSuccessAsync(string feedUrl, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync("""
            INSERT INTO feed_health(feed_url, last_success_at, consecutive_failures) VALUES (@feed, @at, 0)
            ON CONFLICT (feed_url) DO UPDATE SET last_success_at = excluded.last_success_at, consecutive_failures = 0
            """, feedUrl, at, null, cancellationToken);

    /// <summary>Run again after a lost connection whose commit went through, a failure is counted twice: health is a
    /// report, and that is the price of not losing it.</summary>
    public Task RecordFailureAsync(string feedUrl, string error, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync("""
            INSERT INTO feed_health(feed_url, last_error_at, last_error, consecutive_failures) VALUES (@feed, @at, @error, 1)
            ON CONFLICT (feed_url) DO UPDATE SET last_error_at = excluded.last_error_at, last_error = excluded.last_error,
                consecutive_failures = feed_health.consecutive_failures + 1
            """, feedUrl, at, error, cancellationToken);

    public Task<IReadOnlyDictionary<string, FeedHealthRecord>> LoadAsync(IReadOnlyList<string> feedUrls, CancellationToken cancellationToken) =>
        connections.ReadAsync<IReadOnlyDictionary<string, FeedHealthRecord>>(async connection =>
        {
            await using var command = new NpgsqlCommand("""
                SELECT feed_url, last_success_at, last_error_at, last_error, consecutive_failures FROM feed_health WHERE feed_url = ANY(@feeds)
                """, connection);
            command.Parameters.AddWithValue("feeds", feedUrls.ToArray());
            var records = new Dictionary<string, FeedHealthRecord>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                records[reader.GetString(0)] = new FeedHealthRecord(Time(reader, 1), Time(reader, 2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4));
            return records;
        }, cancellationToken);

    private Task WriteAsync(string sql, string feedUrl, DateTimeOffset at, string? error, CancellationToken cancellationToken) =>
        connections.WriteAsync("feed_health", async connection =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("feed", feedUrl);
            command.Parameters.AddWithValue("at", at.ToUniversalTime());
            if (error is not null) command.Parameters.AddWithValue("error", error);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : reader.GetFieldValue<DateTimeOffset>(column);
}
