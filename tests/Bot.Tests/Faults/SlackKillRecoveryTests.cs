using Newsdesk.Slack;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Slack;
using Newsdesk.Tests.Support;
using Newsdesk.Slack.Replies;
using Newsdesk.Chat.Intake;

namespace Newsdesk.Tests.Faults;

/// <summary>SIGKILL of the real program while an answer's chat.postMessage is in flight (held by the fake Slack),
/// then a restart on the same store: the journalled question is answered again only if Slack never took the first
/// post, so the thread ends with exactly one answer either way, logged under the request's correlation id.</summary>
public sealed class SlackKillRecoveryTests
{
    private const string Thread = "1700000080.000100";

    [Fact]
    public async Task WhenSlackNeverTookThePostTheRestartedBotAnswersTheThreadOnce()
    {
        await using var run = await KilledMidPostAsync(SlackResponse.Hang, "EvKillLost", "CKILLLOST", "kill-lost-1");

        var thread = run.Slack.Messages.InThread("CKILLLOST", Thread);
        var answer = Assert.Single(thread);
        Assert.NotEqual(SlackText.Escape(ChatNotices.Failure), answer["text"]!.GetValue<string>());
        // The cut post, then the recovered one, posted only after the thread was searched for it.
        var calls = run.Slack.Calls(c => c.Channel == "CKILLLOST");
        Assert.Equal(["chat.postMessage", "conversations.replies", "chat.postMessage"], calls.Select(c => c.Method));
        Assert.Equal("true", calls[1].Form!["include_all_metadata"]);
        await run.Serve.WaitForLogLineAsync(l => l.Contains("Replied to a Slack question: answered", StringComparison.Ordinal)
            && l.Contains("CorrelationId:kill-lost-1", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task WhenSlackTookThePostBeforeTheKillTheRestartedBotDoesNotPostAgain()
    {
        await using var run = await KilledMidPostAsync(SlackResponse.PostedThenHang, "EvKillTaken", "CKILLTAKEN", "kill-taken-1");

        var answer = Assert.Single(run.Slack.Messages.InThread("CKILLTAKEN", Thread));
        Assert.Equal($"message:CKILLTAKEN:{Thread}", answer["metadata"]!["event_payload"]!["key"]!.GetValue<string>());
        Assert.Single(run.Slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CKILLTAKEN"));
        Assert.Single(run.Slack.Calls(c => c.Method == "conversations.replies" && c.Channel == "CKILLTAKEN"));
        await run.Serve.WaitForLogLineAsync(l => l.Contains("Slack already has the reply", StringComparison.Ordinal)
            && l.Contains("CorrelationId:kill-taken-1", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
    }

    /// <summary>Asks once, kills the bot while the answer's post is held, restarts it on the same file, then asks a
    /// sentinel question: with one worker and the recovered question queued first, once the sentinel is answered
    /// the recovered one has been dealt with.</summary>
    private static async Task<Run> KilledMidPostAsync(SlackResponse fault, string eventId, string channel, string correlationId)
    {
        var folder = new TemporaryFolder();
        var slack = await FakeSlack.StartAsync();
        var database = folder.File("bot.db");
        slack.Script("chat.postMessage", fault);
        await using (var first = await ServeProcess.StartAsync(slack, database))
        {
            using var ask = slack.SignedEvent(SlackEvents.Mention(eventId, channel, Thread, $"{SlackEvents.BotMention} {SlackEvents.Question}"));
            ask.Headers.Add("X-Correlation-Id", correlationId);
            (await first.Http.SendAsync(ask)).EnsureSuccessStatusCode();
            await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == channel, TimeSpan.FromSeconds(60));
            await first.KillAsync();
        }

        var second = await ServeProcess.StartAsync(slack, database);
        // Taken over once the killed process's lease has expired (at start, or at the next look after it).
        await second.WaitForLogAsync("Recovered unanswered question", TimeSpan.FromSeconds(60));
        var sentinel = SlackEvents.Mention(eventId + "After", channel + "AFTER", "1700000080.000200", $"{SlackEvents.BotMention} {SlackEvents.Question}");
        (await second.Http.SendAsync(slack.SignedEvent(sentinel))).EnsureSuccessStatusCode();
        await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == channel + "AFTER", TimeSpan.FromSeconds(60));
        return new Run(folder, slack, second);
    }

    private sealed class Run(TemporaryFolder folder, FakeSlack slack, ServeProcess serve) : IAsyncDisposable
    {
        public FakeSlack Slack => slack;

        public ServeProcess Serve => serve;

        public async ValueTask DisposeAsync()
        {
            await serve.DisposeAsync();
            await slack.DisposeAsync();
            folder.Dispose();
        }
    }
}
