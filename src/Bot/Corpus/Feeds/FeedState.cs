namespace Newsdesk.Corpus.Feeds;

/// <summary>What the poller remembers about one feed between polls.</summary>
/// <param name="IsSeeded">The feed's first read is done: its back catalogue was stored without being announced.</param>
public sealed record FeedState(string FeedUrl, string? ETag, string? LastModified, int Failures, DateTimeOffset? NextAttemptAt, bool IsSeeded);
