using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Faults;

/// <summary>SIGKILL of the real program while an answer is in flight, then a restart on the same store and Slack's
/// retry of that event. Today's semantics are at most once: the event was claimed before it was queued, so the
/// retry is ignored as already handled and the one answer is lost if Slack had not taken the cut post.</summary>
public sealed class SlackKillTests
{
    [Fact]
    public async Task AfterAKillMidAnswerSlacksRetryIsIgnoredAsAlreadyHandled()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        var database = folder.File("bot.db");
        var mention = SlackEvents.Mention("EvKill", "CKILL", "1700000080.000100", $"{SlackEvents.BotMention} {SlackEvents.Question}");
        slack.Script("chat.postMessage", SlackResponse.Hang);

        await using (var first = await ServeProcess.StartAsync(slack, database))
        {
            (await first.Http.SendAsync(slack.SignedEvent(mention))).EnsureSuccessStatusCode();
            // The answer is in flight: its chat.postMessage reached Slack and is being held unanswered.
            await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CKILL", TimeSpan.FromSeconds(60));
            await first.KillAsync();
        }

        await using var second = await ServeProcess.StartAsync(slack, database);
        using var retry = await second.Http.SendAsync(slack.SignedEvent(mention, retryNum: 1));
        var sentinel = SlackEvents.Mention("EvKillAfter", "CKILLAFTER", "1700000080.000200", $"{SlackEvents.BotMention} {SlackEvents.Question}");
        (await second.Http.SendAsync(slack.SignedEvent(sentinel))).EnsureSuccessStatusCode();
        // One worker, answers in arrival order: once the sentinel is answered, a retry that was queued would have been too.
        await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CKILLAFTER", TimeSpan.FromSeconds(60));

        Assert.Equal(System.Net.HttpStatusCode.OK, retry.StatusCode);
        var posts = slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CKILL");
        Assert.True(posts.Count == 1, $"expected only the cut post, saw {posts.Count}:\n{second.Log}");
        Assert.Contains("Slack event EvKill for message 1700000080.000100 was already handled", second.Log, StringComparison.Ordinal);
    }
}
