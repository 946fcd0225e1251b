using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Discord.Rest;
using Newsdesk.Discord.Wire;
using Newsdesk.Discord;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Discord;

/// <summary>The REST client against the fake Discord on loopback, with a fake clock: every wait is a timer the test
/// sees being created and then advances past, so "honours retry_after" is checked exactly and without sleeping.</summary>
public sealed class DiscordRestClientTests : IAsyncLifetime
{
    private readonly WatchedClock time = new(WatchedClock.FixedStart);
    private FakeDiscord discord = null!;
    private ServiceProvider services = null!;

    private DiscordRestClient Client => services.GetRequiredService<DiscordRestClient>();

    private static DiscordMessagePayload Message => DiscordMessagePayload.Text("Hello @everyone");

    public async Task InitializeAsync()
    {
        discord = await FakeDiscord.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
            ["Discord:ApplicationId"] = FakeDiscord.ApplicationId,
            ["Discord:BotToken"] = FakeDiscord.BotToken,
        }).Build();
        services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(time).AddDiscordRegistration(configuration).BuildServiceProvider();
    }

    [Fact]
    public async Task A429IsWaitedOutForRetryAfterThenTheSameMessageIsSent()
    {
        discord.Script(new FakeDiscordResponse(429, """{"message":"You are being rate limited.","retry_after":2.5,"global":false}""",
            new Dictionary<string, string> { ["Retry-After"] = "3", ["X-RateLimit-Bucket"] = "abc", ["X-RateLimit-Scope"] = "user" }));

        var editing = Client.EditOriginalResponseAsync("tok", Message, CancellationToken.None);
        var wait = await time.NextTimerAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(2.5), wait);
        Assert.Single(discord.Requests);
        time.Advance(wait);
        await editing.WaitAsync(TimeSpan.FromSeconds(30));
        var sent = discord.Requests;
        Assert.Equal(2, sent.Count);
        Assert.Equal(sent[0].Body, sent[1].Body);
        Assert.Contains("\"allowed_mentions\":{\"parse\":[]}", sent[1].Body);
    }

    [Fact]
    public async Task AGlobal429HoldsBackTheBotsOtherRoutesButNotWebhooks()
    {
        discord.Script(new FakeDiscordResponse(429, """{"message":"global","retry_after":1,"global":true}""",
            new Dictionary<string, string> { ["X-RateLimit-Global"] = "true" }));

        var first = Client.CreateChannelMessageAsync("111", Message, CancellationToken.None);
        await time.NextTimerAsync(TimeSpan.FromSeconds(1));
        var second = Client.CreateChannelMessageAsync("222", Message, CancellationToken.None);
        await time.NextTimerAsync(TimeSpan.FromSeconds(1));
        await Client.EditOriginalResponseAsync("tok", Message, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["/api/v10/channels/111/messages", $"/api/v10/webhooks/{FakeDiscord.ApplicationId}/tok/messages/@original"], discord.Requests.Select(r => r.Path));
        time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(4, discord.Requests.Count);
    }

    [Fact]
    public async Task AnExhaustedBucketMakesTheNextCallOnThatRouteWait()
    {
        discord.Script(new FakeDiscordResponse(200, """{"id":"1"}""",
            new Dictionary<string, string> { ["X-RateLimit-Bucket"] = "b1", ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Reset-After"] = "4" }));
        await Client.CreateChannelMessageAsync("111", Message, CancellationToken.None);

        var otherChannel = Client.CreateChannelMessageAsync("999", Message, CancellationToken.None);
        await otherChannel.WaitAsync(TimeSpan.FromSeconds(30));
        var sameChannel = Client.CreateChannelMessageAsync("111", Message, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(4), await time.NextTimerAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal(2, discord.Requests.Count);
        time.Advance(TimeSpan.FromSeconds(4));
        await sameChannel.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, discord.Requests.Count);
    }

    [Fact]
    public async Task ServerErrorsOfAnEditAreRetriedWithGrowingJitteredBackoff()
    {
        discord.Script(new FakeDiscordResponse(502, "<html>bad gateway</html>"));
        discord.Script(new FakeDiscordResponse(503, "{}"));

        var editing = Client.EditOriginalResponseAsync("tok", Message, CancellationToken.None);
        var first = await time.NextTimerAsync(TimeSpan.FromMilliseconds(1));
        Assert.InRange(first, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        time.Advance(first);
        var second = await time.NextTimerAsync(TimeSpan.FromMilliseconds(1));
        Assert.InRange(second, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        time.Advance(second);
        await editing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, discord.Requests.Count);
    }

    [Fact]
    public async Task AChannelPostThatMetAServerErrorIsNotSentAgain()
    {
        discord.Script(new FakeDiscordResponse(502, "<html>bad gateway</html>"));

        // Discord may have created the message; a channel post cannot be looked up here, so it is not repeated.
        var error = await Assert.ThrowsAsync<DiscordApiException>(() => Client.CreateChannelMessageAsync("111", Message, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadGateway, error.Status);
        Assert.Single(discord.Requests);
    }

    [Fact]
    public async Task ClientErrorsSurfaceDiscordsJsonCodeWithoutRetrying()
    {
        discord.Script(new FakeDiscordResponse(400, """{"code":50035,"message":"Invalid Form Body","errors":{}}"""));

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => Client.CreateChannelMessageAsync("111", Message, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal(50035, error.Code);
        Assert.DoesNotContain(FakeDiscord.BotToken, error.Message);
        Assert.Single(discord.Requests);
    }

    [Fact]
    public async Task AWebhookThatAnswers404IsNeverUsedAgain()
    {
        var url = discord.WebhookUrl("333", "gone");
        discord.Script(new FakeDiscordResponse(404, """{"message":"Unknown Webhook","code":10015}"""));

        var first = await Assert.ThrowsAsync<DiscordApiException>(() => Client.ExecuteWebhookAsync(url, Message, CancellationToken.None));
        var second = await Assert.ThrowsAsync<DiscordApiException>(() => Client.ExecuteWebhookAsync(url, Message, CancellationToken.None));

        Assert.Equal(10015, first.Code);
        Assert.Equal(HttpStatusCode.NotFound, second.Status);
        Assert.True(Client.IsWebhookGone(url));
        Assert.Single(discord.Requests);
    }

    [Fact]
    public async Task ChannelPostsUseTheBotTokenAndWebhookPostsUseNone()
    {
        await Client.CreateChannelMessageAsync("111", Message, CancellationToken.None);
        await Client.ExecuteWebhookAsync(discord.WebhookUrl("444", "secret"), Message, CancellationToken.None);

        var (channel, webhook) = (discord.Requests[0], discord.Requests[1]);
        Assert.Equal(("POST", "/api/v10/channels/111/messages"), (channel.Method, channel.Path));
        Assert.Equal($"Bot {FakeDiscord.BotToken}", channel.Header("Authorization"));
        Assert.Matches(@"^DiscordBot \(https?://\S+, \d+\.\d+\.\d+\)$", channel.Header("User-Agent"));
        Assert.Equal(("/api/v10/webhooks/444/secret", "?wait=true"), (webhook.Path, webhook.Query));
        Assert.Null(webhook.Header("Authorization"));
        Assert.All(discord.Requests, r => Assert.Equal("""{"parse":[]}""", r.Json.GetProperty("allowed_mentions").GetRawText()));
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await discord.DisposeAsync();
    }
}
