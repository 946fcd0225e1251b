using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsdesk.Platform;
using Newsdesk.Slack;
using Newsdesk.Slack.Replies;
using Newsdesk.Slack.WebApi;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Slack;

/// <summary>A stopped process posted an answer just before it died, and Slack lists that post only seconds later. The
/// process that takes the question over must not look for the post before then, or it posts the answer again.</summary>
public sealed class SlackRecoverySettleTests
{
    private const string Thread = "1700000090.000100";

    [Fact]
    public async Task ARecoveredReplyWaitsOutSlacksCommitLagAndThenFindsItsPredecessorsPost()
    {
        var clock = new WatchedClock();
        await using var slack = await FakeSlack.StartAsync(clock);
        var delay = new SlackOptions().RecoverySettleDelay;
        var recovered = await PredecessorPostedThenRecoveredAsync(slack, clock, "CLATE", delay);

        await clock.WaitForTimerAsync(delay);
        Assert.Empty(slack.Calls(c => c.Method == "conversations.replies"));
        clock.Advance(delay);
        await recovered.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Single(slack.Calls(c => c.Method == "chat.postMessage"));
        Assert.Single(slack.Messages.InThread("CLATE", Thread));
    }

    [Fact]
    public async Task WithoutASettleDelayTheLookUpMissesTheLatePostAndTheThreadGetsTwoAnswers()
    {
        var clock = new WatchedClock();
        await using var slack = await FakeSlack.StartAsync(clock);

        await (await PredecessorPostedThenRecoveredAsync(slack, clock, "CNOW", TimeSpan.Zero)).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(2, slack.Messages.InThread("CNOW", Thread).Count);
    }

    /// <summary>The predecessor's post, listed 6 s late (the lag observed on Slack), then the recovered reply's send.</summary>
    private static async Task<Task> PredecessorPostedThenRecoveredAsync(FakeSlack slack, WatchedClock clock, string channel, TimeSpan settleDelay)
    {
        var factory = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        var options = Options.Create(new SlackOptions { BotToken = FakeSlack.BotToken, ApiBaseUrl = slack.ApiBaseUrl });
        var client = new SlackWebApiClient(factory, options, new PlatformRetryPolicy(clock, NullLogger<PlatformRetryPolicy>.Instance), NullLogger<SlackWebApiClient>.Instance);
        var formatter = new SlackAnswerFormatter();
        var key = new SlackReplyKey(channel, Thread, Thread, $"message:{channel}:{Thread}");
        slack.CommitLag = TimeSpan.FromSeconds(6);
        await client.PostMessageAsync(channel, Thread, formatter.FormatNotice("the answer"), key, CancellationToken.None);
        slack.CommitLag = TimeSpan.Zero;

        var reply = new SlackThreadReply(client, formatter, channel, Thread, key, new SlackRecoverySettle(clock, clock.GetTimestamp(), settleDelay));
        return reply.SendFailureAsync(CancellationToken.None);
    }
}
