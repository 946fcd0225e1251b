using System.Net;
using System.Text.Json.Nodes;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Slack;

public sealed class SlackSocketModeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EnvelopesAreAcknowledgedAndAnsweredAndADisconnectOpensTheNewSocketFirst()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"), isHttp: false, isSocketMode: true);

        // Without a signing secret the HTTP endpoints are not there at all.
        Assert.Equal(HttpStatusCode.NotFound, (await bot.SendAsync(slack.SignedEvent("{}"))).StatusCode);
        var opened = await slack.WaitForCallAsync(c => c.Method == "apps.connections.open");
        Assert.Equal($"Bearer {FakeSlack.AppToken}", opened.Authorization);

        var first = await slack.NextSocketAsync();
        await first.SendAsync(Envelope("env-1", "events_api", Mention("EvSocket1", "CSOCKET1")));
        Assert.Equal("env-1", (await first.ReceiveAsync(Patience))["envelope_id"]!.GetValue<string>());
        var reply = await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CSOCKET1");
        Assert.Equal("1700000030.000100", reply.ThreadTs);

        // A retried envelope carrying the same event is acknowledged too, and not answered again.
        await first.SendAsync(Envelope("env-1-retry", "events_api", Mention("EvSocket1", "CSOCKET1")));
        Assert.Equal("env-1-retry", (await first.ReceiveAsync(Patience))["envelope_id"]!.GetValue<string>());

        await first.SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested" });
        var second = await slack.NextSocketAsync();
        var firstClosedAt = await first.ClosedAt.WaitAsync(Patience);
        Assert.True(second.OpenedAt < firstClosedAt, "the new socket must open before the old one closes");

        await second.SendAsync(Envelope("env-2", "events_api", Mention("EvSocket2", "CSOCKET2")));
        Assert.Equal("env-2", (await second.ReceiveAsync(Patience))["envelope_id"]!.GetValue<string>());
        await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CSOCKET2");
        Assert.Single(slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CSOCKET1"));
    }

    [Fact]
    public async Task ASlashCommandEnvelopeIsAcknowledgedWithLookingAndAnsweredThroughTheResponseUrl()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"), isHttp: false, isSocketMode: true);
        var socket = await slack.NextSocketAsync();

        await socket.SendAsync(Envelope("env-cmd", "slash_commands", new JsonObject
        {
            ["command"] = "/newsdesk", ["text"] = "ask Who shut down AllofMP3?", ["channel_id"] = "CCMD", ["user_id"] = "UPERSON",
            ["response_url"] = slack.ResponseUrl("socket-ask").AbsoluteUri,
        }));
        var ack = await socket.ReceiveAsync(Patience);
        Assert.Equal("env-cmd", ack["envelope_id"]!.GetValue<string>());
        Assert.Equal("Looking…", ack["payload"]!["text"]!.GetValue<string>());
        var answer = await slack.WaitForCallAsync(c => c.Method == "response_url" && c.Path == "/response/socket-ask");
        Assert.Contains("AllofMP3", answer.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AButtonClickEnvelopeIsAcknowledgedAndItsFollowUpAnsweredThroughTheResponseUrl()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"), isHttp: false, isSocketMode: true);
        var socket = await slack.NextSocketAsync();

        // A digest story's "Ask about this" button, clicked in a Socket Mode app: the same block_actions payload
        // Slack would POST to /slack/interactions, delivered in an "interactive" envelope.
        await socket.SendAsync(Envelope("env-click", "interactive", new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "UCLICKER" },
            ["channel"] = new JsonObject { ["id"] = "CCLICK" },
            ["response_url"] = slack.ResponseUrl("socket-click").AbsoluteUri,
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = Newsdesk.Slack.Interactions.SlackActionIds.FollowUp, ["value"] = "Who shut down AllofMP3?", ["type"] = "button",
            }),
        }));

        Assert.Equal("env-click", (await socket.ReceiveAsync(Patience))["envelope_id"]!.GetValue<string>());
        var answer = await slack.WaitForCallAsync(c => c.Method == "response_url" && c.Path == "/response/socket-click", Patience);
        Assert.Equal("ephemeral", answer.Json!["response_type"]!.GetValue<string>());
        Assert.Contains(bot.Answerer.Questions, q => q.Text == "Who shut down AllofMP3?");
    }

    private static JsonObject Envelope(string id, string type, JsonNode payload) => new()
    {
        ["envelope_id"] = id, ["type"] = type, ["accepts_response_payload"] = type == "slash_commands", ["payload"] = payload,
    };

    private static JsonNode Mention(string eventId, string channel) =>
        JsonNode.Parse(SlackEvents.Mention(eventId, channel, "1700000030.000100", $"{SlackEvents.BotMention} {SlackEvents.Question}"))!;
}
