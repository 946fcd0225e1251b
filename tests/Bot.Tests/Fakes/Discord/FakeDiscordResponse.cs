namespace Newsdesk.Tests.Fakes.Discord;

/// <summary>A scripted answer for the next REST call (a 429, a 5xx, an error body), or a fault: <see cref="Hangs"/>
/// never answers (until the caller gives up or the fake stops); <see cref="Drops"/> starts a 200 and aborts the TCP
/// connection halfway through the body. <see cref="Applies"/> does what Discord would have done (a channel post is
/// stored) before the fault, as when Discord took the request and the answer was lost.</summary>
public sealed record FakeDiscordResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, bool Hangs = false, bool Drops = false,
    bool Applies = false)
{
    public static FakeDiscordResponse Hang { get; } = new(200, "", Hangs: true);

    public static FakeDiscordResponse Drop { get; } = new(200, "", Drops: true);

    public static FakeDiscordResponse TakeThenHang { get; } = new(200, "", Hangs: true, Applies: true);
}
