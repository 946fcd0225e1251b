using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Chat;
using Newsdesk.Slack;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;
using Newsdesk.Slack.Replies;
using Newsdesk.Chat.Intake;

namespace Newsdesk.Tests.Slack;

public sealed class SlackFailureTests
{
    [Fact]
    public async Task WhenAnsweringFailsThePersonGetsAShortApologyInTheThread()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        var answerer = BlockingAnswerer.Failing(new InvalidOperationException("boom"));
        await using var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"), services: s => s.AddSingleton<IQuestionAnswerer>(answerer));

        var mention = SlackEvents.Mention("EvFail", "CFAIL", "1700000040.000100", $"{SlackEvents.BotMention} {SlackEvents.Question}");
        (await bot.SendAsync(slack.SignedEvent(mention))).EnsureSuccessStatusCode();
        var apology = await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CFAIL");

        Assert.Equal("1700000040.000100", apology.ThreadTs);
        Assert.Equal(SlackText.Escape(ChatNotices.Failure), apology.Text);
        Assert.DoesNotContain("boom", apology.Json!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheInboxIsFullThePersonIsAskedToTryAgain()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        var answerer = new BlockingAnswerer();
        await using var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"), services: s => s.AddSingleton<IQuestionAnswerer>(answerer),
            settings: ["--Chat:InboxCapacity=1"]);

        // One question being answered, one waiting: the inbox (capacity 1) is full for the third.
        (await bot.SendAsync(slack.SignedEvent(SlackEvents.Mention("EvBusy1", "CBUSY", "1700000050.000001", "<@UNEWSDESK> one")))).EnsureSuccessStatusCode();
        await answerer.Started.WaitAsync(TimeSpan.FromSeconds(30));
        (await bot.SendAsync(slack.SignedEvent(SlackEvents.Mention("EvBusy2", "CBUSY", "1700000050.000002", "<@UNEWSDESK> two")))).EnsureSuccessStatusCode();
        (await bot.SendAsync(slack.SignedEvent(SlackEvents.Mention("EvBusy3", "CBUSY", "1700000050.000003", "<@UNEWSDESK> three")))).EnsureSuccessStatusCode();

        var busy = await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CBUSY");
        Assert.Equal("1700000050.000003", busy.ThreadTs);
        Assert.Equal(SlackText.Escape(ChatNotices.Busy), busy.Text);
        answerer.Release(new Answer("q", true, "done", [], "offline", null, []));
    }
}
