namespace Newsdesk.Corpus;

/// <summary>A document as listed to users (/sources, digests): no passages.</summary>
public sealed record DocumentSummary(string Source, string Title, Uri? Url, string? FeedName, DateTimeOffset? PublishedAt, DateTimeOffset AddedAt);
