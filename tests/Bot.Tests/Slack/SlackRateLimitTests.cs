using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Slack;

public sealed class SlackRateLimitTests
{
    [Fact]
    public async Task A429IsWaitedOutAndTheSameReplyIsSentOnce()
    {
        using var folder = new TemporaryFolder();
        var clock = new WatchedClock();
        await using var slack = await FakeSlack.StartAsync(clock);
        await using var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"), services: s => s.AddSingleton<TimeProvider>(clock));
        slack.Script("chat.postMessage", new SlackResponse(429, """{"ok":false,"error":"ratelimited"}""", TimeSpan.FromSeconds(30)));

        var mention = SlackEvents.Mention("EvLimited", "CLIMITED", "1700000020.000100", $"{SlackEvents.BotMention} {SlackEvents.Question}");
        (await bot.SendAsync(slack.SignedEvent(mention))).EnsureSuccessStatusCode();
        var refused = await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CLIMITED");
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        Assert.Single(slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CLIMITED"));

        clock.Advance(TimeSpan.FromSeconds(30));
        var sent = await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CLIMITED" && c.Sequence > refused.Sequence);
        Assert.Equal(refused.Json!.ToJsonString(), sent.Json!.ToJsonString());
        Assert.Equal("1700000020.000100", sent.ThreadTs);
    }
}
