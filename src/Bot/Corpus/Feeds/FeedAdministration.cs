using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Storage;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Adds and removes feeds from chat, for any platform. A feed is read once through the
/// <see cref="FeedFetcher"/> (and so through the <see cref="AddressGuard"/>) before it is saved, and its items are
/// stored at once as back catalogue, so the next digest carries only what arrives after it was added.</summary>
public sealed class FeedAdministration(FeedFetcher fetcher, IChatFeedStore store, FeedCatalog catalog, FeedPoller poller,
    IOptions<FeedOptions> options, ILogger<FeedAdministration> logger)
{
    public async Task<FeedAddition> AddAsync(string address, string? name, string actor, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(address.Trim().Trim('<', '>'), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return FeedAddition.Refused(null, $"“{address}” is not an http or https address.");
        if ((await catalog.ListAsync(cancellationToken)).Any(f => f.Url.AbsoluteUri == url.AbsoluteUri))
            return FeedAddition.Refused(url, $"I already follow {url}.");
        ParsedFeed parsed;
        try
        {
            var fetched = await fetcher.GetAsync(url, options.Value.FeedMaxBytes, null, null, cancellationToken);
            parsed = FeedParser.Parse(fetched.Body ?? [], fetched.FinalUrl);
        }
        catch (FeedFetchException exception)
        {
            return FeedAddition.Refused(url, $"I could not read {url} as a feed: {exception.Message}");
        }
        if (parsed.Items.Count == 0) return FeedAddition.Refused(url, $"{url} is a feed, but it has no item I can read.");
        var label = string.IsNullOrWhiteSpace(name) ? parsed.Title : name.Trim();
        if (!await store.AddAsync(url, label, actor, cancellationToken)) return FeedAddition.Refused(url, $"I already follow {url}.");
        var stored = 0;
        try
        {
            stored = await poller.IngestFeedNowAsync(url, label, cancellationToken);
        }
        catch (Exception exception) when (exception is FeedFetchException || StoreWriteHealth.CannotWrite(exception))
        {
            // Saved all the same: the poller reads it at its next pass, and that first read is the silent seed.
            logger.LogWarning("Feed {Feed} was added but its first read failed ({Reason}); the poller will seed it", url, exception.Message);
        }
        var latest = parsed.Items.OrderByDescending(i => i.PublishedAt ?? DateTimeOffset.MinValue).First();
        return new FeedAddition(url, null, parsed.Title, latest, stored);
    }

    /// <summary>Null when removed, else why not (unknown, or configured in settings, where it must be removed).</summary>
    public async Task<string?> RemoveAsync(string address, string actor, CancellationToken cancellationToken)
    {
        var feeds = await catalog.ListAsync(cancellationToken);
        var feed = feeds.FirstOrDefault(f => Uri.TryCreate(address.Trim().Trim('<', '>'), UriKind.Absolute, out var url) && f.Url.AbsoluteUri == url.AbsoluteUri)
            ?? feeds.FirstOrDefault(f => string.Equals(f.DisplayName, address.Trim(), StringComparison.OrdinalIgnoreCase));
        if (feed is null) return $"I don't follow “{address}”. /feeds list shows the feeds I follow.";
        if (feed.IsConfigured) return $"{feed.DisplayName} is set in the bot's configuration (Corpus:Feeds); remove it there.";
        return await store.RemoveAsync(feed.Url, actor, cancellationToken) ? null : $"I don't follow “{address}”.";
    }
}
