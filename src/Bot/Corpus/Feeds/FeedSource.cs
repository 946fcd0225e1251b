namespace Newsdesk.Corpus.Feeds;

/// <summary>One configured feed: its URL and the name shown as a story's source.</summary>
public sealed class FeedSource
{
    public Uri? Url { get; set; }

    public string? Name { get; set; }

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Url?.Host ?? "feed" : Name;
}
