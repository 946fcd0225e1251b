using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Chat;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Slack;

namespace Newsdesk.Tests.Hostile;

/// <summary>Both adapters ask the rate limiter where they would queue a question: a refused question gets a
/// friendly message saying when to try again, and nothing is queued.</summary>
public sealed class RateLimitedAdapterTests
{
    // One question per user per hour, so nothing refills while a test runs on the real clock.
    private static readonly string[] OnePerHour =
        ["--Chat:RateLimits:PerUser:Permits=1", "--Chat:RateLimits:PerUser:Window=01:00:00", "--Chat:RateLimits:PerChannel:Permits=100"];

    [Fact]
    public async Task ADiscordUserOverTheLimitIsToldPrivatelyWhenToTryAgainAndNothingIsQueued()
    {
        await using var bot = await HostileBot.StartAsync(OnePerHour);
        using (var first = await bot.Http.SendAsync(bot.SignedInteraction(FakeInteractions.Ask("Who shut down AllofMP3?").Body)))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var calls = bot.Answerer.Calls;

        using var second = await bot.Http.SendAsync(bot.SignedInteraction(FakeInteractions.Ask("Who runs MediaServices?").Body));

        var json = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        Assert.Equal(64, json.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Equal("You've asked me a lot of questions in a short time. Please try again in 60 minutes.",
            json.GetProperty("data").GetProperty("content").GetString());
        Assert.Equal(0, bot.App.Services.GetRequiredService<ChatInbox>().Depth);
        Assert.Equal(calls, bot.Answerer.Calls);
    }

    [Fact]
    public async Task ASlackUserOverTheLimitIsToldOnceInTheThreadAndNothingIsQueued()
    {
        await using var bot = await HostileBot.StartAsync(OnePerHour);
        async Task MentionAsync(string id, string channel) =>
            (await bot.Http.SendAsync(bot.Slack.SignedEvent(SlackEvents.Mention(id, channel, "1700000000.000100", $"{SlackEvents.BotMention} {SlackEvents.Question}"))))
                .EnsureSuccessStatusCode();

        await MentionAsync("EvLimit1", "CLIMIT1");
        await bot.Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CLIMIT1");
        await MentionAsync("EvLimit2", "CLIMIT2");
        await MentionAsync("EvLimit3", "CLIMIT3");
        var notice = await bot.Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CLIMIT2");

        Assert.Contains("Please try again in 60 minutes.", notice.Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("1700000000.000100", notice.Json!["thread_ts"]!.GetValue<string>());
        // Another person is not limited; their answer, after the third mention, shows the third got no notice.
        (await bot.Http.SendAsync(bot.Slack.SignedEvent(SlackEvents.Message("EvOther", "DOTHER", "1700000000.000300", SlackEvents.Question, "im", user: "UOTHER"))))
            .EnsureSuccessStatusCode();
        await bot.Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "DOTHER");
        Assert.Empty(bot.Slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CLIMIT3"));
        Assert.Equal(2, bot.Answerer.Calls);
    }

    [Fact]
    public async Task ASlackSlashCommandOverTheLimitIsRefusedInItsAcknowledgement()
    {
        await using var bot = await HostileBot.StartAsync(OnePerHour);
        Dictionary<string, string> Ask(string id) => new()
        {
            ["command"] = "/newsdesk", ["text"] = "ask " + SlackEvents.Question, ["response_url"] = bot.Slack.ResponseUrl(id).ToString(),
            ["user_id"] = "UCOMMAND", ["channel_id"] = "CCOMMAND",
        };

        var first = JsonDocument.Parse(await (await bot.Http.SendAsync(bot.Slack.SignedCommand(Ask("one")))).Content.ReadAsStringAsync()).RootElement;
        var second = JsonDocument.Parse(await (await bot.Http.SendAsync(bot.Slack.SignedCommand(Ask("two")))).Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("Looking…", first.GetProperty("text").GetString());
        Assert.Equal("ephemeral", second.GetProperty("response_type").GetString());
        Assert.Contains("Please try again in 60 minutes.", second.GetProperty("text").GetString(), StringComparison.Ordinal);
        await bot.Slack.WaitForCallAsync(c => c.Method == "response_url" && c.Path.EndsWith("/one", StringComparison.Ordinal));
        Assert.Equal(1, bot.Answerer.Calls);
        Assert.Empty(bot.Slack.Calls(c => c.Path.EndsWith("/two", StringComparison.Ordinal)));
    }
}
