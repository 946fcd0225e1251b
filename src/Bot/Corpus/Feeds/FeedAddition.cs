namespace Newsdesk.Corpus.Feeds;

/// <summary>What <c>/feeds add</c> found: the feed's title and latest item when it was added, or why it was not.</summary>
/// <param name="Stored">Items stored as back catalogue right away (searchable, never announced in a digest).</param>
public sealed record FeedAddition(Uri? Url, string? Refusal, string? Title, FeedItem? Latest, int Stored)
{
    public bool IsAdded => Refusal is null;

    public static FeedAddition Refused(Uri? url, string reason) => new(url, reason, null, null, 0);
}
