using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Slack;

public sealed class SlackRestartTests
{
    [Fact]
    public async Task ARetryAfterARestartIsNotAnsweredAgain()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        var mention = SlackEvents.Mention("EvRestart", "CRESTART", "1700000010.000100", $"{SlackEvents.BotMention} {SlackEvents.Question}");

        await using (var before = await SlackBot.StartAsync(slack, folder.File("bot.db")))
        {
            (await before.SendAsync(slack.SignedEvent(mention))).EnsureSuccessStatusCode();
            await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CRESTART");
        }

        await using var after = await SlackBot.StartAsync(slack, folder.File("bot.db"));
        (await after.SendAsync(slack.SignedEvent(mention, retryNum: 2))).EnsureSuccessStatusCode();
        var sentinel = SlackEvents.Mention("EvAfter", "CAFTER", "1700000010.000200", $"{SlackEvents.BotMention} {SlackEvents.Question}");
        (await after.SendAsync(slack.SignedEvent(sentinel))).EnsureSuccessStatusCode();
        await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CAFTER");

        Assert.Single(slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CRESTART"));
    }
}
