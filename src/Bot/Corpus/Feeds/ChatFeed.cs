namespace Newsdesk.Corpus.Feeds;

/// <summary>A feed followed by the bot: from configuration (<see cref="AddedBy"/> is null) or added from chat.</summary>
public sealed record ChatFeed(Uri Url, string? Name, string? AddedBy, DateTimeOffset? AddedAt)
{
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Url.Host : Name;

    public bool IsConfigured => AddedBy is null;

    public FeedSource ToSource() => new() { Url = Url, Name = Name };
}
