using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsdesk.Slack;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Faults;

/// <summary>Slack's Web API misbehaving at the network level, against the real <c>serve</c> host with one worker: a
/// chat.postMessage that never answers, and a connection cut mid-response.</summary>
public sealed class SlackNetworkFaultTests
{
    [Fact]
    public async Task AHangingPostMessageTimesOutTheApologyIsPostedOnceAndTheNextQuestionIsAnswered()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        slack.Script("chat.postMessage", SlackResponse.Hang);
        await using var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"), settings: ["--Slack:RequestTimeout=00:00:01"]);

        var mention = SlackEvents.Mention("EvHang", "CHANG", "1700000060.000100", $"{SlackEvents.BotMention} {SlackEvents.Question}");
        (await bot.SendAsync(slack.SignedEvent(mention))).EnsureSuccessStatusCode();
        // Well under the 30 s default: only the configured 1 s timeout frees the worker this early.
        var apology = await slack.WaitForCallAsync(c => c.Channel == "CHANG" && c.Text == SlackText.Escape(SlackNotices.Failure), TimeSpan.FromSeconds(15));
        var next = SlackEvents.Mention("EvHangNext", "CHANGNEXT", "1700000060.000200", $"{SlackEvents.BotMention} {SlackEvents.Question}");
        (await bot.SendAsync(slack.SignedEvent(next))).EnsureSuccessStatusCode();
        var answer = await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CHANGNEXT", TimeSpan.FromSeconds(15));

        var posts = slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CHANG");
        // The hung answer (sent once: a timeout is not retried), then the apology in the same thread.
        Assert.Equal(2, posts.Count);
        Assert.NotEqual(SlackText.Escape(SlackNotices.Failure), posts[0].Text);
        Assert.Same(apology, posts[1]);
        Assert.Equal("1700000060.000100", apology.ThreadTs);
        Assert.NotEqual(SlackText.Escape(SlackNotices.Failure), answer.Text);
        Assert.Single(slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CHANGNEXT"));
    }

    [Fact]
    public async Task ADroppedConnectionIsRetriedAfterABackoffAndTheMessageIsPostedOnce()
    {
        await using var slack = await FakeSlack.StartAsync();
        var clock = new ObservedTimeProvider();
        slack.Script("chat.postMessage", SlackResponse.Drop);
        var factory = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        var options = Options.Create(new SlackOptions { BotToken = FakeSlack.BotToken, ApiBaseUrl = slack.ApiBaseUrl });
        var client = new SlackWebApiClient(factory, options, clock, NullLogger<SlackWebApiClient>.Instance);
        var content = new SlackMessageContent("the answer", [new JsonObject { ["type"] = "section" }]);

        var posting = client.PostMessageAsync("CDROP", "1700000070.000100", content, CancellationToken.None);
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        var cut = Assert.Single(slack.Calls(c => c.Channel == "CDROP"));
        clock.Advance(TimeSpan.FromSeconds(1));
        var ts = await posting.WaitAsync(TimeSpan.FromSeconds(15));

        // The cut attempt and its one retry carry the same message; only the retry was answered, and its ts returned.
        var posts = slack.Calls(c => c.Channel == "CDROP");
        Assert.Equal(2, posts.Count);
        Assert.Equal(cut.Json!.ToJsonString(), posts[1].Json!.ToJsonString());
        Assert.Equal($"1700000000.{posts[1].Sequence:D6}", ts);
    }
}
