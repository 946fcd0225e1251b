namespace Newsdesk.Corpus.Feeds;

/// <summary>An item as a feed lists it, before its article is fetched.</summary>
/// <param name="Id">The item's GUID (RSS) or id (Atom); the link when it has neither.</param>
/// <param name="Content">The feed's own HTML or text for the item (content, else summary); the fallback body.</param>
public sealed record FeedItem(string Id, Uri? Link, string Title, string Content, DateTimeOffset? PublishedAt);
