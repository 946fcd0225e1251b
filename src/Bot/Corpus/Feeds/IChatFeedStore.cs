namespace Newsdesk.Corpus.Feeds;

/// <summary>Feeds added from chat, as every provider offers them (see <see cref="ChatFeedStore"/> for SQLite,
/// <c>PostgresChatFeedStore</c> for PostgreSQL). Each change is written with its audit entry in one commit.</summary>
public interface IChatFeedStore
{
    /// <summary>False when the feed was already added.</summary>
    Task<bool> AddAsync(Uri url, string? name, string actor, CancellationToken cancellationToken);

    /// <summary>False when no feed with that URL was added from chat.</summary>
    Task<bool> RemoveAsync(Uri url, string actor, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChatFeed>> ListAsync(CancellationToken cancellationToken);
}
