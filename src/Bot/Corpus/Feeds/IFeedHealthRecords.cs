namespace Newsdesk.Corpus.Feeds;

/// <summary>The table of each feed's health, as each provider keeps it: on SQLite in the process's own file, on
/// PostgreSQL shared, so every replica (and the <c>feeds</c> verb) reports the polls any of them made.</summary>
public interface IFeedHealthRecords
{
    Task RecordSuccessAsync(string feedUrl, DateTimeOffset at, CancellationToken cancellationToken);

    Task RecordFailureAsync(string feedUrl, string error, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The record of each of <paramref name="feedUrls"/> that has been polled; a feed never polled is absent.</summary>
    Task<IReadOnlyDictionary<string, FeedHealthRecord>> LoadAsync(IReadOnlyList<string> feedUrls, CancellationToken cancellationToken);
}
