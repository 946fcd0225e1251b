using System.Globalization;
using System.Text.Json.Nodes;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Fakes.Slack;

namespace Newsdesk.LoadRunner;

/// <summary>Signed requests as the platforms send them: Discord /ask interactions (Ed25519, by the fake Discord's
/// key) and Slack app_mention events (v0 HMAC, by the fake Slack's secret), each with its own reply key.</summary>
public sealed class RequestFactory(FakeDiscord discord, FakeSlack slack, Uri server, LoadOptions options)
{
    /// <summary>Questions over the seed corpus, varied so no answer path is warmer than another.</summary>
    private static readonly string[] Questions =
    [
        "Who shut down AllofMP3?", "What happened to Napster?", "How much did streaming grow last year?",
        "Which label signed a deal with Spotify?", "What did the RIAA say about piracy?", "Who bought EMI?",
        "Why did vinyl sales rise?", "What is the latest on concert ticket prices?", "Who won the Grammy for album of the year?",
        "What did Taylor Swift say about re-recording her albums?", "How do artists get paid by streaming services?",
        "What happened at Live Nation?",
    ];

    private int next;

    /// <summary>The platform of the n-th request: alternating when both are sent.</summary>
    public string PlatformOf(int n) => options.Platform == "both" ? (n % 2 == 0 ? "Discord" : "Slack") : options.Platform == "discord" ? "Discord" : "Slack";

    public LoadRequest Create()
    {
        var n = Interlocked.Increment(ref next);
        var question = Questions[n % Questions.Length];
        if (PlatformOf(n) == "Discord")
        {
            var (_, token, body) = FakeInteractions.Ask(question);
            return new LoadRequest(n, "Discord", token, discord.SignedInteraction(server, body));
        }
        // Unique per run and per request: the bot claims each message once, and replies in its thread.
        var ts = string.Create(CultureInfo.InvariantCulture, $"1710000000.{n:D6}");
        var channel = $"CLOAD{n % 8}";
        var json = new JsonObject
        {
            ["token"] = "deprecated", ["team_id"] = "T1", ["api_app_id"] = "A1", ["type"] = "event_callback",
            ["event_id"] = $"EvLOAD{n:D8}", ["event_time"] = 1_710_000_000,
            ["event"] = new JsonObject
            {
                ["type"] = "app_mention", ["user"] = "UPERSON", ["text"] = $"<@{FakeSlack.BotUserId}> {question}",
                ["ts"] = ts, ["channel"] = channel, ["event_ts"] = ts,
            },
        }.ToJsonString();
        var request = slack.SignedEvent(json);
        request.RequestUri = new Uri(server, request.RequestUri!.OriginalString);
        return new LoadRequest(n, "Slack", channel + "/" + ts, request);
    }
}
