using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Storage;

namespace Newsdesk.Corpus.Feeds;

/// <summary>One pass over every feed that is due (configured or added from chat): conditional GET, parse, ingest what is new. Each feed
/// fails alone (logged, retried later with a doubling backoff); the others and the bot carry on.</summary>
public sealed class FeedPoller(
    FeedFetcher fetcher,
    IFeedItemStore items,
    FeedItemIngestor ingestor,
    FeedHealthStore health,
    FeedCatalog catalog,
    ICorpusIndex index,
    IOptions<FeedOptions> options,
    TimeProvider time,
    ILogger<FeedPoller> logger)
{
    public sealed record Result(int Polled, int NewDocuments, int Failed);

    public async Task<Result> PollOnceAsync(CancellationToken cancellationToken)
    {
        int polled = 0, added = 0, failed = 0;
        foreach (var feed in (await catalog.ListAsync(cancellationToken)).Select(f => f.ToSource()))
        {
            var state = await items.GetStateAsync(feed.Url!.AbsoluteUri, cancellationToken);
            if (state.NextAttemptAt is { } next && next > time.GetUtcNow()) continue;
            // Replicas sharing a store poll a feed one at a time; the one that waited re-reads the state, since the
            // other may have just polled it.
            await using var held = await items.TryLockFeedAsync(feed.Url.AbsoluteUri, cancellationToken);
            if (held is null) continue;
            state = await items.GetStateAsync(feed.Url.AbsoluteUri, cancellationToken);
            if (state.NextAttemptAt is { } due && due > time.GetUtcNow()) continue;
            polled++;
            try
            {
                added += await PollFeedAsync(feed, state, cancellationToken);
                await health.RecordSuccessAsync(feed.Url.AbsoluteUri, time.GetUtcNow(), cancellationToken);
            }
            // A store that cannot be written is not the feed's fault: no backoff for the feed; the poll stops and the
            // next one (every FeedPollInterval) takes the items in once there is space.
            catch (Exception exception) when (!StoreWriteHealth.CannotWrite(exception)
                && (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
            {
                failed++;
                var failures = state.Failures + 1;
                var wait = Backoff(failures);
                logger.LogWarning("Feed {Feed} failed ({Reason}); attempt {Failures}, next try in {Wait}",
                    feed.DisplayName, exception is FeedFetchException ? exception.Message : exception.GetType().Name, failures, wait);
                await items.SaveStateAsync(state with { Failures = failures, NextAttemptAt = time.GetUtcNow() + wait }, cancellationToken);
                await health.RecordFailureAsync(feed.Url.AbsoluteUri, exception is FeedFetchException ? exception.Message : exception.GetType().Name,
                    time.GetUtcNow(), cancellationToken);
            }
        }
        // New documents become searchable (and summarisable for the digest) at once.
        if (added > 0) await index.ReloadAsync(cancellationToken);
        return new Result(polled, added, failed);
    }

    /// <summary>Reads one feed now, whatever its schedule; for <c>ingest URL</c>. Items are stored as back catalogue.</summary>
    public async Task<int> IngestFeedNowAsync(Uri url, string? name, CancellationToken cancellationToken)
    {
        var feed = new FeedSource { Url = url, Name = name };
        var state = await items.GetStateAsync(url.AbsoluteUri, cancellationToken);
        var added = await PollFeedAsync(feed, state with { ETag = null, LastModified = null, IsSeeded = false }, cancellationToken);
        if (added > 0) await index.ReloadAsync(cancellationToken);
        return added;
    }

    private async Task<int> PollFeedAsync(FeedSource feed, FeedState state, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var url = feed.Url!;
        var fetched = await fetcher.GetAsync(url, settings.FeedMaxBytes, state.ETag, state.LastModified, cancellationToken);
        var nextAttempt = time.GetUtcNow() + settings.FeedPollInterval;
        if (fetched.IsNotModified)
        {
            await items.SaveStateAsync(state with { Failures = 0, NextAttemptAt = nextAttempt }, cancellationToken);
            return 0;
        }
        var parsed = FeedParser.Parse(fetched.Body!, fetched.FinalUrl);
        if (parsed.Skipped > 0)
            logger.LogWarning("Feed {Feed}: {Skipped} unreadable items skipped (no id or link, no title or text, or a date no reading accepts)", feed.DisplayName, parsed.Skipped);
        var feedItems = parsed.Items;
        // The first read of a feed is its back catalogue: stored and searchable, but not news for the digest.
        var isNew = state.IsSeeded;
        var added = 0;
        foreach (var item in feedItems.OrderByDescending(i => i.PublishedAt).Take(settings.FeedMaxItemsPerPoll).Reverse())
        {
            if (await ingestor.IngestAsync(url.AbsoluteUri, feed.DisplayName, item, isNew, cancellationToken)) added++;
        }
        await items.SaveStateAsync(new FeedState(url.AbsoluteUri, fetched.ETag, fetched.LastModified, 0, nextAttempt, IsSeeded: true), cancellationToken);
        if (added > 0) logger.LogInformation("Feed {Feed}: {Count} new {Kind}", feed.DisplayName, added, isNew ? "stories" : "back-catalogue stories");
        return added;
    }

    /// <summary>Two poll intervals after the first failure, doubling after each further one, up to FeedMaxBackoff.</summary>
    private TimeSpan Backoff(int failures)
    {
        var interval = options.Value.FeedPollInterval;
        var wait = TimeSpan.FromTicks((long)Math.Min(interval.Ticks * Math.Pow(2, Math.Min(failures, 20)), options.Value.FeedMaxBackoff.Ticks));
        return wait < interval ? interval : wait;
    }
}
