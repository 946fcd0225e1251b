namespace Newsdesk.LoadRunner;

/// <summary>One request the runner sent and everything seen of it: the acknowledgement and each reply that reached
/// the fake platform. Times are <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
public sealed class LoadRequest(int index, string platform, string key, HttpRequestMessage message)
{
    private readonly Lock gate = new();
    private readonly List<(long At, ReplyKind Kind)> replies = [];

    public int Index => index;

    public string Platform => platform;

    /// <summary>What the reply is matched by: the Discord interaction token, the Slack message ts.</summary>
    public string Key => key;

    public HttpRequestMessage Message => message;

    public long SentAt { get; set; }

    public long AckAt { get; set; }

    public int Status { get; set; }

    /// <summary>"deferred", "inline", "busy" (Discord), "ok" (Slack), or the error.</summary>
    public string AckKind { get; set; } = "";

    public bool IsAcknowledged => Status == 200;

    public void AddReply(long at, ReplyKind kind)
    {
        lock (gate) replies.Add((at, kind));
    }

    public IReadOnlyList<(long At, ReplyKind Kind)> Replies
    {
        get { lock (gate) return [.. replies]; }
    }
}

public enum ReplyKind
{
    Answer,
    Busy,
    Failure,
}
