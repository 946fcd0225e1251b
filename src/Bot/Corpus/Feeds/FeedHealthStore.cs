using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Newsdesk.Storage;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Each feed's health, kept in the store (table <c>feed_health</c>) so that every process sharing it, and the
/// <c>feeds</c> verb, see the same: the last success, the last error, failures in a row, and the items stored. The
/// latest values are also kept in memory for the metrics, which must not query the store on every scrape.</summary>
public sealed class FeedHealthStore
{
    public const string MeterName = "Newsdesk.Feeds";

    /// <summary>Each feed's last success, last error and failures in a row.</summary>
    public static StoreSchema Schema { get; } = new(nameof(FeedHealthStore), ["feed_health"], """
        CREATE TABLE IF NOT EXISTS feed_health (
            feed_url TEXT PRIMARY KEY,
            last_success_at TEXT NULL,
            last_error_at TEXT NULL,
            last_error TEXT NULL,
            consecutive_failures INTEGER NOT NULL DEFAULT 0);
        """);

    private readonly ConcurrentDictionary<string, FeedHealth> latest = new(StringComparer.Ordinal);
    private readonly SqliteConnections connections;
    private readonly StoreWriteHealth writes;
    private readonly FeedCatalog catalog;
    private readonly IFeedItemStore items;

    public FeedHealthStore(SqliteConnections connections, StoreWriteHealth writes, FeedCatalog catalog, IFeedItemStore items, IMeterFactory meters)
    {
        this.connections = connections;
        this.items = items;
        this.writes = writes;
        this.catalog = catalog;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("newsdesk.feed.consecutive_failures", () => Measure(h => h.ConsecutiveFailures),
            description: "Polls of the feed that failed in a row since its last success");
        meter.CreateObservableGauge("newsdesk.feed.items_stored", () => Measure(h => h.ItemsStored),
            description: "Items of the feed in the store");
        meter.CreateObservableGauge("newsdesk.feed.last_success", () => Measure(h => h.LastSuccessAt?.ToUnixTimeSeconds() ?? 0), unit: "s",
            description: "When the feed was last read successfully, in Unix seconds (0: never)");
    }

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

    /// <summary>Every feed the bot follows (the configured ones in configuration order, then those added from chat),
    /// whether or not it has been polled yet.</summary>
    public async Task<IReadOnlyList<FeedHealth>> ListAsync(CancellationToken cancellationToken)
    {
        var feeds = (await catalog.ListAsync(cancellationToken)).Select(f => f.ToSource()).ToList();
        if (feeds.Count == 0) return [];
        await using var connection = await connections.OpenAsync(cancellationToken);
        var list = new List<FeedHealth>();
        // Items are counted by the feed item store, on whichever provider it is.
        foreach (var feed in feeds)
        {
            var stored = await items.CountAsync(feed.Url!.AbsoluteUri, cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT h.last_success_at, h.last_error_at, h.last_error, h.consecutive_failures
                FROM (SELECT $feed AS feed_url) f LEFT JOIN feed_health h ON h.feed_url = f.feed_url
                """;
            command.Parameters.AddWithValue("$feed", feed.Url!.AbsoluteUri);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var health = new FeedHealth(feed.Url.AbsoluteUri, feed.DisplayName, Time(reader, 0), Time(reader, 1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? 0 : reader.GetInt32(3), stored);
            latest[health.FeedUrl] = health;
            list.Add(health);
        }
        // A feed removed from chat leaves the gauges too.
        foreach (var gone in latest.Keys.Except(list.Select(h => h.FeedUrl), StringComparer.Ordinal)) latest.TryRemove(gone, out _);
        return list;
    }

    /// <summary>The values last read, without touching the store.</summary>
    public IReadOnlyList<FeedHealth> Latest => [.. latest.Values.OrderBy(h => h.Name, StringComparer.Ordinal)];

    /// <summary>Health is a report, not data: a full disk (which <see cref="StoreWriteHealth"/> logs and counts once)
    /// must not stop the poll that is being reported on.</summary>
    private async Task WriteAsync(string sql, string feedUrl, DateTimeOffset at, string? error, CancellationToken cancellationToken)
    {
        try
        {
            await WriteNowAsync(sql, feedUrl, at, error, cancellationToken);
        }
        catch (Exception exception) when (StoreWriteHealth.CannotWrite(exception))
        {
            return;
        }
        await ListAsync(cancellationToken);
    }

    private async Task WriteNowAsync(string sql, string feedUrl, DateTimeOffset at, string? error, CancellationToken cancellationToken)
    {
        await writes.WriteAsync("feed_health", async () =>
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$feed", feedUrl);
            command.Parameters.AddWithValue("$at", at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(cancellationToken);
        });
    }

    private IEnumerable<Measurement<long>> Measure(Func<FeedHealth, long> value) =>
        latest.Values.Select(h => new Measurement<long>(value(h), new KeyValuePair<string, object?>("feed", h.Name)));


    private static DateTimeOffset? Time(System.Data.Common.DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.Parse(reader.GetString(column), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
