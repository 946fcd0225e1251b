using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsdesk.Platform;
using Newsdesk.Slack;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;
using Newsdesk.Slack.Replies;
using Newsdesk.Slack.WebApi;
using Newsdesk.Slack.Wire;

namespace Newsdesk.Tests.Slack;

public sealed class SlackWebApiClientTests
{
    [Fact]
    public async Task OkFalseIsSurfacedWithSlacksErrorCode()
    {
        await using var slack = await FakeSlack.StartAsync();
        slack.Script("chat.postMessage", new SlackResponse(200, """{"ok":false,"error":"channel_not_found"}"""));
        var error = await Assert.ThrowsAsync<SlackApiException>(() => Client(slack, TimeProvider.System).PostMessageAsync("CNOPE", null, Content(), CancellationToken.None));
        Assert.Equal("channel_not_found", error.Error);
    }

    [Fact]
    public async Task AKeyedPostThatMetAServerErrorIsLookedForThenRetriedAfterAJitteredBackoff()
    {
        await using var slack = await FakeSlack.StartAsync();
        var clock = new WatchedClock();
        slack.Script("chat.postMessage", new SlackResponse(503, "unavailable"));
        var key = new SlackReplyKey("CRETRY", "1.2", "1.2", "message:CRETRY:1.2");
        var posting = Client(slack, clock).PostMessageAsync("CRETRY", "1.2", Content(), key, CancellationToken.None);

        // The first backoff is one second less up to half of it at random.
        var backoff = await clock.WaitForTimerAsync(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.Single(slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CRETRY"));
        clock.Advance(backoff);
        Assert.NotNull(await posting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(slack.Calls(c => c.Method == "conversations.replies"));
        Assert.Equal(2, slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CRETRY").Count);
    }

    [Fact]
    public async Task AnUnkeyedPostThatMetAServerErrorIsNotSentAgain()
    {
        await using var slack = await FakeSlack.StartAsync();
        slack.Script("chat.postMessage", new SlackResponse(503, "unavailable"));

        // Slack may have posted it: with nothing to look it up by, a repeat could post it twice.
        var error = await Assert.ThrowsAsync<SlackApiException>(() => Client(slack, new WatchedClock()).PostMessageAsync("CONCE", "1.2", Content(), CancellationToken.None));

        Assert.Equal("http_503", error.Error);
        Assert.Single(slack.Calls(c => c.Channel == "CONCE"));
    }

    [Fact]
    public async Task RateLimitsKeepGoingUntilTheAttemptsRunOut()
    {
        await using var slack = await FakeSlack.StartAsync();
        var clock = new WatchedClock();
        for (var i = 0; i < 2; i++) slack.Script("chat.postMessage", new SlackResponse(429, """{"ok":false,"error":"ratelimited"}""", TimeSpan.FromSeconds(7)));
        var client = Client(slack, clock, maxAttempts: 2);
        var posting = client.PostMessageAsync("CLIMIT", null, Content(), CancellationToken.None);
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        clock.Advance(TimeSpan.FromSeconds(7));
        var error = await Assert.ThrowsAsync<SlackApiException>(() => posting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("ratelimited", error.Error);
    }

    private static SlackMessageContent Content() => new("hello", [new JsonObject { ["type"] = "section" }]);

    private static SlackWebApiClient Client(FakeSlack slack, TimeProvider time, int maxAttempts = 5)
    {
        var factory = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        var options = Options.Create(new SlackOptions { BotToken = FakeSlack.BotToken, ApiBaseUrl = slack.ApiBaseUrl, MaxAttempts = maxAttempts });
        return new SlackWebApiClient(factory, options, new PlatformRetryPolicy(time, NullLogger<PlatformRetryPolicy>.Instance), NullLogger<SlackWebApiClient>.Instance);
    }
}
