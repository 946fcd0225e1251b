using System.Globalization;
using Microsoft.Data.Sqlite;
using Newsdesk.Storage;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Each feed's health in the SQLite file (table <c>feed_health</c>), shared by the processes on that file.</summary>
public sealed class FeedHealthRecords(SqliteConnections connections, StoreWriteHealth writes) : IFeedHealthRecords
{
    public static StoreSchema Schema { get; } = new(nameof(FeedHealthRecords), ["feed_health"], """
        CREATE TABLE IF NOT EXISTS feed_health (
            feed_url TEXT PRIMARY KEY,
            last_success_at TEXT NULL,
            last_error_at TEXT NULL,
            last_error TEXT NULL,
            consecutive_failures INTEGER NOT NULL DEFAULT 0);
        """);

    public Task RecordSuccessAsync(string feedUrl, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync("""
            INSERT INTO feed_health(feed_url, last_success_at, consecutive_failures) VALUES ($feed, $at, 0)
            ON CONFLICT(feed_url) DO UPDATE SET last_success_at = $at, consecutive_failures = 0
            """, feedUrl, at, null, cancellationToken);

    public Task RecordFailureAsync(string feedUrl, string error, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync("""
            INSERT INTO feed_health(feed_url, last_error_at, last_error, consecutive_failures) VALUES ($feed, $at, $error, 1)
            ON CONFLICT(feed_url) DO UPDATE SET last_error_at = $at, last_error = $error, consecutive_failures = consecutive_failures + 1
            """, feedUrl, at, error, cancellationToken);

    public async Task<IReadOnlyDictionary<string, FeedHealthRecord>> LoadAsync(IReadOnlyList<string> feedUrls, CancellationToken cancellationToken)
    {
        var records = new Dictionary<string, FeedHealthRecord>(StringComparer.Ordinal);
        await using var connection = await connections.OpenAsync(cancellationToken);
        foreach (var feedUrl in feedUrls)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT last_success_at, last_error_at, last_error, consecutive_failures FROM feed_health WHERE feed_url = $feed";
            command.Parameters.AddWithValue("$feed", feedUrl);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
                records[feedUrl] = new FeedHealthRecord(Time(reader, 0), Time(reader, 1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt32(3));
        }
        return records;
    }

    private Task WriteAsync(string sql, string feedUrl, DateTimeOffset at, string? error, CancellationToken cancellationToken) =>
        writes.WriteAsync("feed_health", async () =>
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$feed", feedUrl);
            command.Parameters.AddWithValue("$at", at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(cancellationToken);
        });

    private static DateTimeOffset? Time(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.Parse(reader.GetString(column), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
