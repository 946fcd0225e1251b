namespace Newsdesk.Tests.Fakes.Feeds;

public enum FeedFormat { Rss, Atom }

public enum FeedBehaviour { Normal, Broken, Slow, Oversized, RewritesGuids }

/// <summary>A feed the fake server serves: its items appear once the server's clock reaches their time.</summary>
public sealed class FakeFeed(string name, FeedFormat format, FeedBehaviour behaviour)
{
    public string Name { get; } = name;
    public FeedFormat Format { get; } = format;
    public FeedBehaviour Behaviour { get; } = behaviour;
    public List<(BbcArticle Article, DateTimeOffset AppearsAt)> Items { get; } = [];
    private int requests;
    private int notModified;

    public int Requests => Volatile.Read(ref requests);
    public int NotModified => Volatile.Read(ref notModified);

    public int CountRequest() => Interlocked.Increment(ref requests);
    public void CountNotModified() => Interlocked.Increment(ref notModified);
}
