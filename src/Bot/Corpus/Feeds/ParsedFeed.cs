namespace Newsdesk.Corpus.Feeds;

/// <summary>A feed's readable items, and how many items were skipped because they could not be read (no id or link,
/// no title or text, a date no reading accepts). A skipped item never costs the feed its other items.</summary>
public sealed record ParsedFeed(IReadOnlyList<FeedItem> Items, int Skipped);
