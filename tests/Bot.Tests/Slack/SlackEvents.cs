using System.Text.Json.Nodes;
using Newsdesk.Tests.Fakes.Slack;

namespace Newsdesk.Tests.Slack;

/// <summary>Events API bodies shaped like the official payloads in the shared fixtures.</summary>
public static class SlackEvents
{
    public const string Question = "Who shut down AllofMP3?";

    public static string Mention(string eventId, string channel, string ts, string text, string? threadTs = null) =>
        Callback(eventId, new JsonObject
        {
            ["type"] = "app_mention", ["user"] = "UPERSON", ["text"] = text, ["ts"] = ts, ["channel"] = channel,
            ["event_ts"] = ts, ["thread_ts"] = threadTs,
        });

    public static string Message(string eventId, string channel, string ts, string text, string channelType = "channel",
        string? botId = null, string? user = "UPERSON") =>
        Callback(eventId, new JsonObject
        {
            ["type"] = "message", ["user"] = user, ["text"] = text, ["ts"] = ts, ["channel"] = channel,
            ["event_ts"] = ts, ["channel_type"] = channelType, ["bot_id"] = botId,
        });

    public static string BotMention => $"<@{FakeSlack.BotUserId}>";

    private static string Callback(string eventId, JsonObject inner) => new JsonObject
    {
        ["token"] = "deprecated", ["team_id"] = "T1", ["api_app_id"] = "A1", ["type"] = "event_callback",
        ["event_id"] = eventId, ["event_time"] = 1_700_000_000, ["event"] = inner,
    }.ToJsonString();
}
