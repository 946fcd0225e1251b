using Microsoft.Extensions.DependencyInjection;
using Moq;
using Newsdesk.Chat;
using Newsdesk.Slack;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Slack;

public sealed class SlackFailureTests
{
    [Fact]
    public async Task WhenAnsweringFailsThePersonGetsAShortApologyInTheThread()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        var answerer = new Mock<IQuestionAnswerer>();
        answerer.Setup(a => a.AnswerAsync(It.IsAny<Question>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("boom"));
        await using var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"), services: s => s.AddSingleton(answerer.Object));

        var mention = SlackEvents.Mention("EvFail", "CFAIL", "1700000040.000100", $"{SlackEvents.BotMention} {SlackEvents.Question}");
        (await bot.SendAsync(slack.SignedEvent(mention))).EnsureSuccessStatusCode();
        var apology = await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CFAIL");

        Assert.Equal("1700000040.000100", apology.ThreadTs);
        Assert.Equal(SlackText.Escape(SlackNotices.Failure), apology.Text);
        Assert.DoesNotContain("boom", apology.Json!.ToJsonString(), StringComparison.Ordinal);
    }
}
