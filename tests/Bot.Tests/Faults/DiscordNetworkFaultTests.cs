using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Discord;
using Newsdesk.Tests.Discord;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Support;
using Newsdesk.Discord.Replies;

namespace Newsdesk.Tests.Faults;

/// <summary>Discord's webhook edit (the deferred answer) misbehaving at the network level, against the real
/// <c>serve</c> host with one worker: an edit that never answers, and a connection cut mid-response.</summary>
public sealed class DiscordNetworkFaultTests
{
    private const string Question = "Who shut down AllofMP3?";

    [Fact]
    public async Task AHangingEditTimesOutTheApologyIsEditedInAndTheNextQuestionIsAnswered()
    {
        await using var run = await DeferredRun.StartAsync(["--Discord:RequestTimeout=00:00:01"]);
        run.Discord.Script(FakeDiscordResponse.Hang);

        var token = await run.AskDeferredAsync();
        // Well under the 30 s default: only the configured 1 s timeout frees the worker this early.
        var edits = await run.Discord.WaitForAsync(r => r.Path.Contains(token, StringComparison.Ordinal), count: 2, timeoutSeconds: 15);
        var next = await run.Bot.PostForJsonAsync(FakeInteractions.Ask(Question).Body);

        Assert.Equal(2, edits.Count);
        Assert.All(edits, e => Assert.Equal("PATCH", e.Method));
        Assert.Contains("[1]", edits[0].Json.GetProperty("embeds")[0].GetProperty("description").GetString());
        Assert.Equal(DiscordAnswerFormatter.Apology, edits[1].Json.GetProperty("content").GetString());
        Assert.Equal(4, next.GetProperty("type").GetInt32());
        Assert.Contains("[1]", next.GetProperty("data").GetProperty("embeds")[0].GetProperty("description").GetString());
        Assert.Equal(2, run.Discord.Requests.Count(r => r.Path.Contains(token, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ADroppedEditIsRetriedAfterABackoffAndTheAnswerIsEditedInOnce()
    {
        await using var run = await DeferredRun.StartAsync([]);
        run.Discord.Script(FakeDiscordResponse.Drop);

        var token = await run.AskDeferredAsync();
        // The first backoff: one second less up to half of it at random (jitter).
        var backoff = await run.Time.NextTimerAsync(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.InRange(backoff, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.Single(run.Discord.Requests, r => r.Path.Contains(token, StringComparison.Ordinal));
        run.Time.Advance(backoff);
        var edits = await run.Discord.WaitForAsync(r => r.Path.Contains(token, StringComparison.Ordinal), count: 2, timeoutSeconds: 15);
        var next = await run.Bot.PostForJsonAsync(FakeInteractions.Ask(Question).Body);

        // The cut edit and its one retry carry the same answer (an edit is idempotent); no apology.
        Assert.Equal(2, edits.Count);
        Assert.Equal(edits[0].Body, edits[1].Body);
        Assert.DoesNotContain(DiscordAnswerFormatter.Apology, edits[1].Body, StringComparison.Ordinal);
        Assert.Equal(4, next.GetProperty("type").GetInt32());
        Assert.Equal(2, run.Discord.Requests.Count(r => r.Path.Contains(token, StringComparison.Ordinal)));
    }

    /// <summary>A bot with one worker, a fake clock and a held answerer, so an /ask is deferred on cue.</summary>
    private sealed class DeferredRun(TemporaryFolder folder, FakeDiscord discord, DiscordBotHost bot, WatchedClock time) : IAsyncDisposable
    {
        public FakeDiscord Discord => discord;

        public DiscordBotHost Bot => bot;

        public WatchedClock Time => time;

        public static async Task<DeferredRun> StartAsync(string[] settings)
        {
            var folder = new TemporaryFolder();
            var discord = await FakeDiscord.StartAsync();
            var time = new WatchedClock(WatchedClock.FixedStart);
            var bot = await DiscordBotHost.StartAsync(discord, folder.File("bot.db"), ["--Chat:Workers=1", .. settings], services =>
            {
                services.AddSingleton<TimeProvider>(time);
                services.AddSingleton<IQuestionAnswerer>(sp => new ControllableAnswerer(sp.GetRequiredService<GroundedAnswerer>()));
            });
            return new DeferredRun(folder, discord, bot, time);
        }

        /// <summary>Asks, lets the answer budget pass (type 5), then releases the answer; returns the interaction token.</summary>
        public async Task<string> AskDeferredAsync()
        {
            var answerer = (ControllableAnswerer)bot.App.Services.GetRequiredService<IQuestionAnswerer>();
            var (_, token, body) = FakeInteractions.Ask(Question);
            answerer.HoldNext();
            var posting = bot.PostAsync(body);
            await answerer.Entered.WaitAsync(TimeSpan.FromSeconds(60));
            await time.NextTimerAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
            time.Advance(TimeSpan.FromSeconds(2));
            using var response = await posting;
            Assert.Equal(5, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetInt32());
            answerer.Release();
            return token;
        }

        public async ValueTask DisposeAsync()
        {
            await bot.DisposeAsync();
            await discord.DisposeAsync();
            folder.Dispose();
        }
    }
}
