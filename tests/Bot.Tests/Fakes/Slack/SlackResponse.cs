namespace Newsdesk.Tests.Fakes.Slack;

/// <summary>A scripted answer the fake gives instead of its default one (a 429, an ok:false, a 503), or a fault:
/// <see cref="Hangs"/> never answers (until the caller gives up or the fake stops); <see cref="Drops"/> starts a
/// 200 and aborts the TCP connection halfway through the body.</summary>
public sealed record SlackResponse(int Status, string Body, TimeSpan? RetryAfter = null, bool Hangs = false, bool Drops = false)
{
    public static SlackResponse Hang { get; } = new(200, "", Hangs: true);

    public static SlackResponse Drop { get; } = new(200, "", Drops: true);
}
