namespace Newsdesk.Corpus.Feeds;

/// <summary>A feed's readable items, and how many items were skipped because they could not be read (no id or link,
/// no title or text, a date no reading accepts). A skipped item never costs the feed its other items.</summary>
/// <param name="Title">The feed's own title (RSS channel title, Atom feed title), when it has one.</param>
public sealed record ParsedFeed(IReadOnlyList<FeedItem> Items, int Skipped, string? Title = null);
