using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Discord;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Slack;
using Newsdesk.Discord.Interactions;

namespace Newsdesk.Tests.Hostile;

/// <summary>A validly signed request captured and sent again. Slack bounds replays by the signed timestamp (five
/// minutes); Discord documents no window and never re-sends an interaction, so its interaction id is the nonce.</summary>
public sealed class HostileReplayTests
{
    [Fact]
    public async Task AReplayedDiscordInteractionIsAnsweredHarmlesslyAndRunsNothing()
    {
        await using var bot = await HostileBot.StartAsync();
        var ask = FakeInteractions.Ask("Who shut down AllofMP3?");
        using (var first = await bot.Http.SendAsync(bot.SignedInteraction(ask.Body)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            // Answered inline, or deferred and edited in: either way, wait until the first one is complete.
            if (JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetInt32() == 5)
                await bot.Discord.WaitForAsync(r => r.Method == "PATCH");
        }
        Assert.Equal(1, bot.Answerer.Calls);
        var discordCalls = bot.Discord.Requests.Count;

        for (var i = 0; i < 20; i++)
        {
            // The same bytes, the same signature, the same timestamp: exactly what an eavesdropper would resend.
            using var replay = await bot.Http.SendAsync(bot.SignedInteraction(ask.Body));
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            var json = JsonDocument.Parse(await replay.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(4, json.GetProperty("type").GetInt32());
            Assert.Equal(DiscordInteractionEndpoint.AlreadyHandled, json.GetProperty("data").GetProperty("content").GetString());
            Assert.Equal(64, json.GetProperty("data").GetProperty("flags").GetInt32());
        }

        Assert.Equal(1, bot.Answerer.Calls);
        Assert.Equal(discordCalls, bot.Discord.Requests.Count);
    }

    [Fact]
    public async Task AReplayedDiscordPingIsStillAPong()
    {
        await using var bot = await HostileBot.StartAsync();
        const string ping = """{"id":"1150000000000000001","application_id":"1100000000000000001","type":1,"token":"t","version":1}""";
        for (var i = 0; i < 3; i++)
        {
            using var response = await bot.Http.SendAsync(bot.SignedInteraction(ping));
            Assert.Equal("""{"type":1}""", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task ASlackEventReplayedAfterFiveMinutesIsRefusedAndOneWithinIsNotAnsweredTwice()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await HostileBot.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var body = Encoding.UTF8.GetBytes(SlackEvents.Mention("EvReplay1", "CREPLAY", "1700000000.000100", $"{SlackEvents.BotMention} {SlackEvents.Question}"));
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        HttpRequestMessage Captured()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "slack/events") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Signature", HostileSigner.SignSlack(timestamp, body));
            return request;
        }

        using (var first = await bot.Http.SendAsync(Captured())) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await bot.Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CREPLAY");
        clock.Advance(TimeSpan.FromMinutes(4));
        using (var within = await bot.Http.SendAsync(Captured())) Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        using (var late = await bot.Http.SendAsync(Captured())) Assert.Equal(HttpStatusCode.Unauthorized, late.StatusCode);

        // A sentinel in another channel, answered after both, proves the replay within the window queued nothing.
        var sentinel = Encoding.UTF8.GetBytes(SlackEvents.Mention("EvReplay2", "CSENTINEL", "1700000000.000200", $"{SlackEvents.BotMention} {SlackEvents.Question}"));
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/events") { Content = new ByteArrayContent(sentinel) };
        request.Headers.Add("X-Slack-Request-Timestamp", now.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", HostileSigner.SignSlack(now, sentinel));
        (await bot.Http.SendAsync(request)).EnsureSuccessStatusCode();
        await bot.Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CSENTINEL");
        Assert.Single(bot.Slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CREPLAY"));
        Assert.Equal(2, bot.Answerer.Calls);
    }
}
