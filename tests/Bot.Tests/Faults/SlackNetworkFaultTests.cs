using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsdesk.Platform;
using Newsdesk.Slack;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Slack;
using Newsdesk.Tests.Support;
using Newsdesk.Slack.Replies;
using Newsdesk.Slack.WebApi;
using Newsdesk.Slack.Wire;
using Newsdesk.Chat.Intake;

namespace Newsdesk.Tests.Faults;

/// <summary>Slack's Web API misbehaving at the network level, against the real <c>serve</c> host with one worker: a
/// chat.postMessage that never answers or whose connection is cut, before or after Slack took the message. An answer
/// carries its key as metadata, so it is retried only when the thread does not have it: never lost, never doubled.</summary>
public sealed class SlackNetworkFaultTests
{
    [Fact]
    public async Task AHangingPostSlackNeverTookTimesOutIsLookedForAndPostedOnce()
    {
        await using var run = await AnsweredThroughAsync(SlackResponse.Hang, "CHANG");

        var answer = Assert.Single(run.Slack.Messages.InThread("CHANG", Thread));
        Assert.NotEqual(SlackText.Escape(ChatNotices.Failure), answer["text"]!.GetValue<string>());
        // The hung post, the look-up that found nothing, the same post again: no apology.
        var calls = run.Slack.Calls(c => c.Channel == "CHANG");
        Assert.Equal(["chat.postMessage", "conversations.replies", "chat.postMessage"], calls.Select(c => c.Method));
        Assert.Equal(calls[0].Json!.ToJsonString(), calls[2].Json!.ToJsonString());
    }

    [Fact]
    public async Task AHangingPostSlackTookIsFoundByItsKeyAndNotPostedAgain()
    {
        await using var run = await AnsweredThroughAsync(SlackResponse.PostedThenHang, "CTAKEN");

        var answer = Assert.Single(run.Slack.Messages.InThread("CTAKEN", Thread));
        Assert.NotEqual(SlackText.Escape(ChatNotices.Failure), answer["text"]!.GetValue<string>());
        Assert.Equal(["chat.postMessage", "conversations.replies"], run.Slack.Calls(c => c.Channel == "CTAKEN").Select(c => c.Method));
    }

    [Fact]
    public async Task APostWhoseConnectionDroppedAfterSlackTookItIsNotPostedTwice()
    {
        await using var run = await AnsweredThroughAsync(SlackResponse.PostedThenDrop, "CDROPPED");

        Assert.Single(run.Slack.Messages.InThread("CDROPPED", Thread));
        Assert.Equal(["chat.postMessage", "conversations.replies"], run.Slack.Calls(c => c.Channel == "CDROPPED").Select(c => c.Method));
    }

    [Fact]
    public async Task AHangingDirectMessageReplySlackTookIsFoundInTheConversationAndNotPostedAgain()
    {
        await using var slack = await FakeSlack.StartAsync();
        slack.Script("chat.postMessage", SlackResponse.PostedThenHang);
        using var folder = new TemporaryFolder();
        await using var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"), settings: ["--Slack:RequestTimeout=00:00:01"]);
        // A DM outside a thread is answered in the conversation, so the look-up reads its history after the question.
        // The question's ts comes before the fake's reply ts values (1700000000.n), as replies come after questions.
        (await bot.SendAsync(slack.SignedEvent(SlackEvents.Message("EvDmHang", "DHANG", "1690000000.000100", SlackEvents.Question, channelType: "im")))).EnsureSuccessStatusCode();
        (await bot.SendAsync(slack.SignedEvent(SlackEvents.Message("EvDmNext", "DHANGNEXT", "1690000000.000200", SlackEvents.Question, channelType: "im")))).EnsureSuccessStatusCode();
        await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "DHANGNEXT", TimeSpan.FromSeconds(15));

        var calls = slack.Calls(c => c.Channel == "DHANG");
        Assert.Equal(["chat.postMessage", "conversations.history"], calls.Select(c => c.Method));
        Assert.Equal("1690000000.000100", calls[1].Form!["oldest"]);
        Assert.Null(calls[0].ThreadTs);
    }

    private const string Thread = "1700000060.000100";

    /// <summary>One question whose answer's first post meets <paramref name="fault"/> (1 s request timeout), then a
    /// sentinel: one worker, so once the sentinel is answered the first question is settled.</summary>
    private static async Task<Run> AnsweredThroughAsync(SlackResponse fault, string channel)
    {
        var folder = new TemporaryFolder();
        var slack = await FakeSlack.StartAsync();
        slack.Script("chat.postMessage", fault);
        var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"), settings: ["--Slack:RequestTimeout=00:00:01"]);
        (await bot.SendAsync(slack.SignedEvent(SlackEvents.Mention("Ev" + channel, channel, Thread, $"{SlackEvents.BotMention} {SlackEvents.Question}")))).EnsureSuccessStatusCode();
        var next = SlackEvents.Mention("Ev" + channel + "Next", channel + "NEXT", "1700000060.000200", $"{SlackEvents.BotMention} {SlackEvents.Question}");
        (await bot.SendAsync(slack.SignedEvent(next))).EnsureSuccessStatusCode();
        // Well under the 30 s default timeout: only the configured 1 s frees the worker this early.
        await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == channel + "NEXT", TimeSpan.FromSeconds(15));
        return new Run(folder, slack, bot);
    }

    private sealed class Run(TemporaryFolder folder, FakeSlack slack, SlackBot bot) : IAsyncDisposable
    {
        public FakeSlack Slack => slack;

        public async ValueTask DisposeAsync()
        {
            await bot.DisposeAsync();
            await slack.DisposeAsync();
            folder.Dispose();
        }
    }

    [Fact]
    public async Task ADroppedConnectionIsRetriedAfterABackoffAndTheMessageIsPostedOnce()
    {
        await using var slack = await FakeSlack.StartAsync();
        var clock = new WatchedClock();
        slack.Script("chat.postMessage", SlackResponse.Drop);
        var factory = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        var options = Options.Create(new SlackOptions { BotToken = FakeSlack.BotToken, ApiBaseUrl = slack.ApiBaseUrl });
        var client = new SlackWebApiClient(factory, options, new PlatformRetryPolicy(clock, NullLogger<PlatformRetryPolicy>.Instance), NullLogger<SlackWebApiClient>.Instance);
        var content = new SlackMessageContent("the answer", [new JsonObject { ["type"] = "section" }]);

        // A dropped connection may have posted it, so the message carries its key and is looked for before the retry.
        var key = new SlackReplyKey("CDROP", "1700000070.000100", "1700000070.000100", "message:CDROP:1700000070.000100");
        var posting = client.PostMessageAsync("CDROP", "1700000070.000100", content, key, CancellationToken.None);
        var backoff = await clock.WaitForTimerAsync(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        var cut = Assert.Single(slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CDROP"));
        clock.Advance(backoff);
        var ts = await posting.WaitAsync(TimeSpan.FromSeconds(15));

        // The cut attempt and its one retry carry the same message; only the retry was answered, and its ts returned.
        var posts = slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CDROP");
        Assert.Equal(2, posts.Count);
        Assert.Equal(cut.Json!.ToJsonString(), posts[1].Json!.ToJsonString());
        Assert.Equal($"1700000000.{posts[1].Sequence:D6}", ts);
    }
}
