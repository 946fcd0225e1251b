namespace Newsdesk.Corpus.Feeds;

/// <summary>How one configured feed is doing: for <c>/readyz</c>, <c>/metrics</c> and the <c>feeds</c> verb.</summary>
/// <param name="ConsecutiveFailures">Polls failed in a row since the last success (0 when the last poll worked).</param>
/// <param name="ItemsStored">Items of this feed in the store.</param>
public sealed record FeedHealth(string FeedUrl, string Name, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastErrorAt,
    string? LastError, int ConsecutiveFailures, long ItemsStored)
{
    public string Describe() =>
        $"{Name} ({FeedUrl}): " +
        (LastSuccessAt is { } success ? $"last success {success.UtcDateTime:yyyy-MM-dd HH:mm}Z" : "never read yet") +
        $", {ItemsStored} item{(ItemsStored == 1 ? "" : "s")} stored" +
        (ConsecutiveFailures > 0 ? $", {ConsecutiveFailures} failure{(ConsecutiveFailures == 1 ? "" : "s")} in a row" : "") +
        (LastError is not null ? $", last error {LastErrorAt?.UtcDateTime:yyyy-MM-dd HH:mm}Z: {LastError}" : "");
}
