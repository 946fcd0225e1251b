using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Answering;
using Newsdesk.Chat;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Support;
using Newsdesk.Discord.Commands;
using Newsdesk.Chat.Intake;

namespace Newsdesk.Tests.Discord;

/// <summary>Real clock and real answerer: a burst of /ask is acknowledged within Discord's 3 seconds, each answered once.</summary>
public sealed class DiscordConcurrencyTests
{
    private const int Questions = 50;

    [Fact]
    public async Task FiftyConcurrentAsksAreAllAcknowledgedWithinThreeSecondsAndAnsweredOnce()
    {
        using var folder = new TemporaryFolder();
        await using var discord = await FakeDiscord.StartAsync();
        // A 1 s budget leaves room on a busy 2-core machine; what matters is that no acknowledgement waits for answers.
        await using var bot = await DiscordBotHost.StartAsync(discord, folder.File("bot.db"), ["--Discord:AnswerBudgetMilliseconds=1000"]);
        var asks = Enumerable.Range(0, Questions).Select(_ => FakeInteractions.Ask("Who shut down AllofMP3?")).ToList();

        var replies = await Task.WhenAll(asks.Select(async ask =>
        {
            var clock = Stopwatch.StartNew();
            using var response = await bot.PostAsync(ask.Body);
            var elapsed = clock.Elapsed;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var type = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetInt32();
            return (ask.Token, Type: type, Elapsed: elapsed);
        }));

        Assert.All(replies, r => Assert.True(r.Elapsed < TimeSpan.FromSeconds(3), $"acknowledged after {r.Elapsed.TotalMilliseconds:0} ms"));
        Assert.All(replies, r => Assert.True(r.Type is 4 or 5, $"type {r.Type}"));
        var deferred = replies.Where(r => r.Type == 5).Select(r => r.Token).ToHashSet();
        var edits = await discord.WaitForAsync(r => r.Method == "PATCH", deferred.Count, timeoutSeconds: 180);
        var editedTokens = edits.Select(e => e.Path.Split('/')[5]).ToList();
        Assert.Equal(editedTokens.Count, editedTokens.Distinct().Count());
        Assert.True(deferred.SetEquals(editedTokens), "every deferred question is edited in, and only those");
        Assert.All(edits, e => Assert.Contains("[1]", e.Json.GetProperty("embeds")[0].GetProperty("description").GetString()));
    }

    [Fact]
    public async Task WhenTheInboxIsFullTheAskerIsToldToTryAgainAtOnce()
    {
        using var folder = new TemporaryFolder();
        await using var discord = await FakeDiscord.StartAsync();
        var time = new WatchedClock(WatchedClock.FixedStart);
        await using var bot = await DiscordBotHost.StartAsync(discord, folder.File("bot.db"), ["--Chat:InboxCapacity=1", "--Chat:Workers=1"], services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton<IQuestionAnswerer>(sp => new ControllableAnswerer(sp.GetRequiredService<GroundedAnswerer>()));
        });
        var answerer = (ControllableAnswerer)bot.App.Services.GetRequiredService<IQuestionAnswerer>();
        answerer.HoldNext();

        var answering = bot.PostAsync(FakeInteractions.Ask("Who shut down AllofMP3?").Body);
        await answerer.Entered.WaitAsync(TimeSpan.FromSeconds(60));
        var waiting = bot.PostAsync(FakeInteractions.Ask("Who shut down AllofMP3?").Body);
        await WaitForDepthAsync(bot, 1);
        var busy = await bot.PostForJsonAsync(FakeInteractions.Ask("Who shut down AllofMP3?").Body);

        Assert.Equal(ChatNotices.Busy, busy.GetProperty("data").GetProperty("content").GetString());
        Assert.Equal(64, busy.GetProperty("data").GetProperty("flags").GetInt32());
        time.Advance(TimeSpan.FromSeconds(2));
        answerer.Release();
        using var first = await answering;
        using var second = await waiting;
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
    }

    /// <summary>The second question is queued by the time its request has been read; this waits for that, briefly.</summary>
    private static async Task WaitForDepthAsync(DiscordBotHost bot, int depth)
    {
        var inbox = bot.App.Services.GetRequiredService<ChatInbox>();
        for (var i = 0; i < 600 && inbox.Depth < depth; i++) await Task.Delay(10);
        Assert.Equal(depth, inbox.Depth);
    }

    [Fact]
    public async Task WithoutAPublicKeyTheAdapterIsOffAndTheEndpointIsNotServed()
    {
        using var folder = new TemporaryFolder();
        await using var discord = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHost.StartAsync(discord, folder.File("bot.db"), ["--Discord:PublicKey="], waitUntilReady: false);

        using var response = await bot.PostAsync("""{"id":"1","token":"t","type":1,"version":1}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var status = bot.App.Services.GetServices<ChatAdapterStatus>().Single(s => s.Platform == "Discord");
        Assert.False(status.IsEnabled);
        Assert.Contains("Discord:PublicKey", status.Reason);
    }
}
