namespace Newsdesk.Corpus;

/// <summary>What the store keeps about a document besides its passages.</summary>
/// <param name="Source">Path relative to its corpus folder, or the article's URL.</param>
/// <param name="Origin">"file" for corpus folders, "feed" for feed items; a folder re-scan only removes files.</param>
/// <param name="ContentHash">Hash of the raw content and the indexing settings: unchanged hash, nothing to redo.</param>
public sealed record DocumentRecord(
    string Source,
    string Origin,
    string Title,
    Uri? Url,
    string ContentHash,
    DateTimeOffset? PublishedAt,
    string? FeedName)
{
    /// <summary>Where <see cref="PublishedAt"/> came from (<see cref="PublicationDateReader"/>'s source names); null
    /// when it is unknown.</summary>
    public string? PublishedFrom { get; init; }
}
