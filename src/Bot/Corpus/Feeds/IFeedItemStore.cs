using Newsdesk.Storage;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Feed items seen and each feed's polling state, on SQLite (<see cref="FeedItemStore"/>) or PostgreSQL
/// (<c>PostgresFeedItemStore</c>). An item is known by its GUID within its feed, by its link, or by its content
/// hash anywhere, so a feed that rewrites GUIDs or dates, or two feeds carrying one story, store it once.</summary>
public interface IFeedItemStore
{
    Task<bool> IsKnownAsync(string feedUrl, string itemId, Uri? link, CancellationToken cancellationToken);

    Task<bool> HasContentAsync(string contentHash, CancellationToken cancellationToken);

    /// <summary>Remembers an item. A duplicate (same GUID, or its content already stored) is remembered too, not
    /// as new, so its GUID short-cuts the next poll.</summary>
    Task AddAsync(string feedUrl, FeedItem item, string contentHash, string documentSource, string feedName,
        DateTimeOffset arrivedAt, bool isNew, CancellationToken cancellationToken);

    /// <summary>New stories that arrived in (<paramref name="after"/>, <paramref name="until"/>], one per document.</summary>
    Task<IReadOnlyList<ArrivedStory>> ListArrivedAsync(DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Copies that arrived in (<paramref name="after"/>, <paramref name="until"/>] of stories that arrived in
    /// it too, matched to the stored one by content hash.</summary>
    Task<IReadOnlyList<StoryCopy>> ListCopiesAsync(DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>How many items of the feed are stored (for its health).</summary>
    Task<long> CountAsync(string feedUrl, CancellationToken cancellationToken);

    Task<FeedState> GetStateAsync(string feedUrl, CancellationToken cancellationToken);

    Task SaveStateAsync(FeedState state, CancellationToken cancellationToken);

    /// <summary>The right to poll one feed now, held until disposed; null while another process polls it, so replicas
    /// sharing a store poll each feed once.</summary>
    Task<StoreLock?> TryLockFeedAsync(string feedUrl, CancellationToken cancellationToken);
}
