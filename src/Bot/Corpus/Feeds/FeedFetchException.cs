namespace Newsdesk.Corpus.Feeds;

/// <summary>A fetch the outside world made fail: refused address, bad redirect, too big, too slow, HTTP error.</summary>
public sealed class FeedFetchException(string message, Exception? inner = null) : Exception(message, inner);
