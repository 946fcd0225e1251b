using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Newsdesk.Storage;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Each feed's health as every process sharing the store sees it (its rows are kept by
/// <see cref="IFeedHealthRecords"/>, on the store's provider), for <c>/readyz</c>, <c>/metrics</c> and the <c>feeds</c>
/// verb: the last success, the last error, failures in a row, and the items stored. The latest values are also kept in
/// memory for the metrics, which must not query the store on every scrape.</summary>
public sealed class FeedHealthStore
{
    public const string MeterName = "Newsdesk.Feeds";

    private readonly ConcurrentDictionary<string, FeedHealth> latest = new(StringComparer.Ordinal);
    private readonly IFeedHealthRecords records;
    private readonly FeedCatalog catalog;
    private readonly IFeedItemStore items;

    public FeedHealthStore(IFeedHealthRecords records, FeedCatalog catalog, IFeedItemStore items, IMeterFactory meters)
    {
        this.records = records;
        this.items = items;
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
        WriteAsync(() => records.RecordSuccessAsync(feedUrl, at, cancellationToken), cancellationToken);

    public Task RecordFailureAsync(string feedUrl, string error, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(() => records.RecordFailureAsync(feedUrl, error, at, cancellationToken), cancellationToken);

    /// <summary>Every feed the bot follows (the configured ones in configuration order, then those added from chat),
    /// whether or not it has been polled yet.</summary>
    public async Task<IReadOnlyList<FeedHealth>> ListAsync(CancellationToken cancellationToken)
    {
        var feeds = (await catalog.ListAsync(cancellationToken)).Select(f => f.ToSource()).ToList();
        if (feeds.Count == 0) return [];
        var stored = await records.LoadAsync([.. feeds.Select(f => f.Url!.AbsoluteUri)], cancellationToken);
        var list = new List<FeedHealth>();
        // Items are counted by the feed item store, on whichever provider it is.
        foreach (var feed in feeds)
        {
            var count = await items.CountAsync(feed.Url!.AbsoluteUri, cancellationToken);
            var record = stored.GetValueOrDefault(feed.Url.AbsoluteUri) ?? new FeedHealthRecord(null, null, null, 0);
            var health = new FeedHealth(feed.Url.AbsoluteUri, feed.DisplayName, record.LastSuccessAt, record.LastErrorAt,
                record.LastError, record.ConsecutiveFailures, count);
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
    private async Task WriteAsync(Func<Task> write, CancellationToken cancellationToken)
    {
        try
        {
            await write();
        }
        catch (Exception exception) when (StoreWriteHealth.CannotWrite(exception))
        {
            return;
        }
        await ListAsync(cancellationToken);
    }

    private IEnumerable<Measurement<long>> Measure(Func<FeedHealth, long> value) =>
        latest.Values.Select(h => new Measurement<long>(value(h), new KeyValuePair<string, object?>("feed", h.Name)));
}
