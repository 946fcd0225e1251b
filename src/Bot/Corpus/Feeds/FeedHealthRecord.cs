namespace Newsdesk.Corpus.Feeds;

/// <summary>One feed's row of health: its last success, its last error and the failures in a row since the success.</summary>
public sealed record FeedHealthRecord(DateTimeOffset? LastSuccessAt, DateTimeOffset? LastErrorAt, string? LastError, int ConsecutiveFailures);
