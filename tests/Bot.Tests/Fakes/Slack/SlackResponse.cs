namespace Newsdesk.Tests.Fakes.Slack;

/// <summary>A scripted answer the fake gives instead of its default one (a 429, an ok:false, a 503), or a fault:
/// <see cref="Hangs"/> never answers (until the caller gives up or the fake stops); <see cref="Drops"/> starts a
/// 200 and aborts the TCP connection halfway through the body. With <see cref="IsPosted"/> a chat.postMessage is
/// first posted (it shows in the thread, as when Slack committed it and then the response was lost); without it,
/// Slack never took the message.</summary>
public sealed record SlackResponse(int Status, string Body, TimeSpan? RetryAfter = null, bool Hangs = false, bool Drops = false, bool IsPosted = false)
{
    public static SlackResponse Hang { get; } = new(200, "", Hangs: true);

    public static SlackResponse Drop { get; } = new(200, "", Drops: true);

    public static SlackResponse PostedThenHang { get; } = new(200, "", Hangs: true, IsPosted: true);

    public static SlackResponse PostedThenDrop { get; } = new(200, "", Drops: true, IsPosted: true);
}
