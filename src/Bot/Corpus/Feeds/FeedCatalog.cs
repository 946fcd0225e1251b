using Microsoft.Extensions.Options;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Every feed the bot follows: the configured ones first, then those added from chat. Read from the store
/// on every call, so a feed added or removed from chat counts at the next poll, in every process.</summary>
public sealed class FeedCatalog(IOptions<FeedOptions> options, IChatFeedStore chatFeeds)
{
    public async Task<IReadOnlyList<ChatFeed>> ListAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.Feeds.Where(f => f.Url is not null).Select(f => new ChatFeed(f.Url!, f.Name, null, null)).ToList();
        var known = configured.Select(f => f.Url.AbsoluteUri).ToHashSet(StringComparer.Ordinal);
        return [.. configured, .. (await chatFeeds.ListAsync(cancellationToken)).Where(f => !known.Contains(f.Url.AbsoluteUri))];
    }

    public bool IsConfigured(Uri url) => options.Value.Feeds.Any(f => f.Url?.AbsoluteUri == url.AbsoluteUri);
}
