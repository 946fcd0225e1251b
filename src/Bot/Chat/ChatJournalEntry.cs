namespace Newsdesk.Chat;

/// <summary>An accepted question that has not been answered yet, as the journal keeps it across a crash.</summary>
/// <param name="Key">Unique per question: the platform and its own id ("Slack:Ev123", "Discord:1150…").</param>
/// <param name="Reply">What the platform adapter needs to rebuild the reply channel; opaque to the core.</param>
public sealed record ChatJournalEntry(string Key, string Platform, string CorrelationId, Question Question, string Reply, DateTimeOffset AcceptedAt);
