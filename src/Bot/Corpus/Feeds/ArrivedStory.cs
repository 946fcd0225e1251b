namespace Newsdesk.Corpus.Feeds;

/// <summary>A feed item that became a document, as the digest lists it.</summary>
/// <param name="DocumentSource">The document's source in the knowledge store (its passages).</param>
/// <param name="ArrivedAt">When this bot first saw it (not the feed's claimed publication time, which feeds rewrite).</param>
public sealed record ArrivedStory(string DocumentSource, string Title, Uri? Link, string FeedName, DateTimeOffset? PublishedAt, DateTimeOffset ArrivedAt);
