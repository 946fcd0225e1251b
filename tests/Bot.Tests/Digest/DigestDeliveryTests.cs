using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Digest;
using Newsdesk.Tests.Fakes.Feeds;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Digest;

/// <summary>Exactly once per destination per day: across restarts, several instances, a kill between posting and
/// recording; catch-up inside the window; quiet days.</summary>
public sealed class DigestDeliveryTests : IAsyncLifetime
{
    // Tuesday 11 March 2025, 00:00 UTC (GMT, so local time is UTC): the digest is due at 08:00.
    private static readonly DateTimeOffset Midnight = new(2025, 3, 11, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset EightAm = Midnight.AddHours(8);
    private readonly TemporaryFolder folder = new();
    private readonly FakeTimeProvider clock = new(Midnight);
    private FakeFeedServer feeds = null!;
    private FakeSlack slack = null!;
    private FakeDiscordWebhook discord = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder.File("empty"));
        feeds = await FakeFeedServer.StartAsync(clock);
        slack = await FakeSlack.StartAsync(clock);
        discord = await FakeDiscordWebhook.StartAsync();
        feeds.AddFeed("news");
    }

    public async Task DisposeAsync()
    {
        await feeds.DisposeAsync();
        await slack.DisposeAsync();
        await discord.DisposeAsync();
        folder.Dispose();
    }

    private Task<DigestBot> BotAsync(params string[] settings) =>
        DigestBot.CreateAsync(folder.File("news.db"), folder.File("empty"), clock, slack, discord.WebhookUrl, [feeds.FeedUrl("news")], settings);

    private int SlackPosts => slack.Calls(c => c.Method == "chat.postMessage").Count;

    /// <summary>The feed is read once (seeded), then one story arrives at 03:00.</summary>
    private async Task<string> OneStoryArrivesAsync(DigestBot bot)
    {
        await bot.StepAsync();
        var story = BbcArticle.Load("tech/092.txt");
        feeds.AddItem("news", story, Midnight.AddHours(3));
        clock.SetUtcNow(Midnight.AddHours(3));
        await bot.StepAsync();
        return story.Title;
    }

    [SharedFact]
    public async Task EachDestinationGetsTodaysDigestOnceAcrossARestartAndAcrossInstancesSharingTheStore()
    {
        await using (var first = await BotAsync())
        {
            await OneStoryArrivesAsync(first);
            clock.SetUtcNow(EightAm);
            await using var second = await BotAsync();
            // Two instances on one store, at the same moment: the claim is one INSERT, so one of them posts.
            await Task.WhenAll(first.Get<DigestScheduler>().RunDueAsync(default), second.Get<DigestScheduler>().RunDueAsync(default));
        }
        Assert.Equal(1, SlackPosts);
        Assert.Single(discord.Posts);

        clock.Advance(TimeSpan.FromMinutes(30));
        await using var restarted = await BotAsync();
        await restarted.StepAsync();
        clock.Advance(TimeSpan.FromHours(2));
        await restarted.StepAsync();

        Assert.Equal(1, SlackPosts);
        Assert.Single(discord.Posts);
        var slots = await restarted.Get<IDigestLedger>().ListAsync(default);
        Assert.Equal(2, slots.Count);
        Assert.All(slots, s => Assert.Equal(DigestSlotState.Posted, s.State));
        Assert.Contains(slots, s => s.MessageId is { } ts && ts.StartsWith("1700000000.", StringComparison.Ordinal));
        Assert.All(slots, s => Assert.NotNull(s.MessageId));
    }

    [SharedFact]
    public async Task AKillBetweenPostingAndRecordingIsRecoveredFromSlackHistoryAndNeverRepostedBlindly()
    {
        string slackMarker, webhookMarker;
        await using (var killed = await BotAsync())
        {
            await OneStoryArrivesAsync(killed);
            clock.SetUtcNow(EightAm);
            // What a crashed instance leaves: both slots claimed and marked as sending, the messages posted, nothing recorded.
            var ledger = killed.Get<IDigestLedger>();
            var digest = await killed.Get<DigestComposer>().ComposeAsync(Midnight.AddHours(-16), EightAm, EightAm, default);
            foreach (var value in new[] { $"slack:{DigestBot.SlackChannel}", discord.WebhookUrl.AbsoluteUri })
            {
                Assert.True(DigestDestination.TryParse(value, out var destination));
                var marker = DigestPublisher.Marker(destination!, "2025-03-11");
                Assert.True(await ledger.TryClaimAsync(new DigestSlot(destination!.Key, "2025-03-11", EightAm, Midnight.AddHours(-16), EightAm,
                    marker, "killed-instance", EightAm, DigestSlotState.Claimed, null), default));
                await ledger.FinishAsync(destination.Key, "2025-03-11", DigestSlotState.Sending, null, default);
                var poster = killed.App.Services.GetServices<IDigestPoster>().Single(p => p.Handles(destination));
                await poster.PostAsync(destination, digest, marker, default);
            }
            slackMarker = DigestPublisher.Marker(new DigestDestination(DigestPlatform.Slack, DigestBot.SlackChannel), "2025-03-11");
            webhookMarker = DigestPublisher.Marker(new DigestDestination(DigestPlatform.DiscordWebhook, discord.WebhookUrl.AbsoluteUri), "2025-03-11");
        }
        var posted = slack.Calls(c => c.Method == "chat.postMessage").Single();
        slack.Script("conversations.history", new SlackResponse(200, new JsonObject
        {
            ["ok"] = true,
            ["messages"] = new JsonArray(new JsonObject { ["type"] = "message", ["ts"] = "1700000000.000042", ["text"] = posted.Text, ["blocks"] = posted.Blocks.DeepClone() }),
        }.ToJsonString()));

        await using var restarted = await BotAsync();
        clock.Advance(TimeSpan.FromMinutes(2));
        await restarted.Get<DigestScheduler>().RunDueAsync(default);
        Assert.Empty(slack.Calls(c => c.Method == "conversations.history")); // the claim's lease has not run out yet

        clock.Advance(TimeSpan.FromMinutes(5));
        await restarted.Get<DigestScheduler>().RunDueAsync(default);

        Assert.Equal(1, SlackPosts);
        Assert.Single(discord.Posts);
        Assert.Contains(slackMarker, posted.Text, StringComparison.Ordinal);
        Assert.Contains(webhookMarker, discord.Posts[0].Body.ToJsonString(), StringComparison.Ordinal);
        var ledgerRows = await restarted.Get<IDigestLedger>().ListAsync(default);
        var slackSlot = Assert.Single(ledgerRows, s => s.Destination.StartsWith("slack:", StringComparison.Ordinal));
        Assert.Equal(DigestSlotState.Posted, slackSlot.State);
        Assert.Equal("1700000000.000042", slackSlot.MessageId);
        // A webhook cannot list the channel: the slot is marked in doubt (and logged as an error), not posted again.
        Assert.Equal(DigestSlotState.InDoubt, Assert.Single(ledgerRows, s => s.Destination.StartsWith("discord-webhook:", StringComparison.Ordinal)).State);
    }

    [SharedFact]
    public async Task AClaimLeftBeforeAnythingWasSentIsTakenOverAfterItsLeaseAndPostedOnce()
    {
        await using var bot = await BotAsync();
        await OneStoryArrivesAsync(bot);
        clock.SetUtcNow(EightAm);
        var ledger = bot.Get<IDigestLedger>();
        Assert.True(DigestDestination.TryParse(discord.WebhookUrl.AbsoluteUri, out var webhook));
        await ledger.TryClaimAsync(new DigestSlot(webhook!.Key, "2025-03-11", EightAm, Midnight.AddHours(-16), EightAm,
            DigestPublisher.Marker(webhook, "2025-03-11"), "crashed-while-composing", EightAm, DigestSlotState.Claimed, null), default);

        await bot.Get<DigestScheduler>().RunDueAsync(default);
        Assert.Empty(discord.Posts);
        clock.Advance(TimeSpan.FromMinutes(6));
        await bot.Get<DigestScheduler>().RunDueAsync(default);
        await bot.Get<DigestScheduler>().RunDueAsync(default);

        Assert.Single(discord.Posts);
        Assert.Equal(1, SlackPosts);
    }

    [SharedFact]
    public async Task ABotThatWasDownAtTheScheduledTimeCatchesUpOnStartInsideTheWindow()
    {
        await using (var before = await BotAsync()) await OneStoryArrivesAsync(before);
        clock.SetUtcNow(EightAm.AddHours(2).AddMinutes(30));

        await using var bot = await BotAsync();
        await bot.App.StartAsync();
        var call = await slack.WaitForCallAsync(c => c.Method == "chat.postMessage");
        await discord.WaitForPostsAsync(1);
        await bot.App.StopAsync();

        Assert.Contains("Norway upholds", call.Json!.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(discord.Posts);
    }

    [SharedFact]
    public async Task ABotDownPastTheCatchUpWindowDoesNotPostThatDayLate()
    {
        await using var bot = await BotAsync();
        await OneStoryArrivesAsync(bot);
        clock.SetUtcNow(EightAm.AddHours(7));
        await bot.Get<DigestScheduler>().RunDueAsync(default);

        Assert.Equal(0, SlackPosts);
        Assert.Empty(await bot.Get<IDigestLedger>().ListAsync(default));
    }

    [SharedFact]
    public async Task AQuietDayPostsOneShortLineOrNothingWhenSkipWhenEmptyIsSet()
    {
        await using (var bot = await BotAsync())
        {
            await bot.StepAsync();
            clock.SetUtcNow(EightAm);
            await bot.StepAsync();
        }
        var quiet = slack.Calls(c => c.Method == "chat.postMessage").Single();
        Assert.Contains(DigestContent.QuietLine, quiet.Json!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(DigestContent.QuietLine, discord.Posts.Single().Body.ToJsonString(), StringComparison.Ordinal);

        clock.SetUtcNow(EightAm.AddDays(1));
        await using var skipping = await BotAsync("--Digest:SkipWhenEmpty=true");
        await skipping.StepAsync();
        Assert.Equal(1, SlackPosts);
        Assert.Single(discord.Posts);
        var tomorrow = (await skipping.Get<IDigestLedger>().ListAsync(default)).Where(s => s.SlotDate == "2025-03-12").ToList();
        Assert.Equal(2, tomorrow.Count);
        Assert.All(tomorrow, s => Assert.Equal(DigestSlotState.Skipped, s.State));
    }

    /// <summary>Britney Spears seeking her aborted tour's insurance payment: on the beat (touring), but not one the
    /// classifier is sure enough of to lead a digest (margin 0.96 over a threshold of -0.05; lead score 0.69 under 1.22).</summary>
    private async Task OneUnsureStoryArrivesAsync(DigestBot bot)
    {
        await bot.StepAsync();
        feeds.AddItem("news", BbcArticle.Load("entertainment/247.txt"), Midnight.AddHours(3));
        clock.SetUtcNow(Midnight.AddHours(3));
        await bot.StepAsync();
    }

    [SharedFact]
    public async Task ADayWithNoStorySureEnoughToLeadPostsAQuietLineThatCountsIt()
    {
        await using var bot = await BotAsync();
        await OneUnsureStoryArrivesAsync(bot);
        clock.SetUtcNow(EightAm);
        await bot.StepAsync();

        var quiet = new DigestContent("", [], 1).QuietText;
        Assert.Contains(quiet, slack.Calls(c => c.Method == "chat.postMessage").Single().Json!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(quiet, discord.Posts.Single().Body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Spears", discord.Posts.Single().Body.ToJsonString(), StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task ADayWithNoStorySureEnoughToLeadIsSkippedOnceWithSkipWhenEmpty()
    {
        await using var bot = await BotAsync("--Digest:SkipWhenEmpty=true");
        await OneUnsureStoryArrivesAsync(bot);
        clock.SetUtcNow(EightAm);
        await bot.StepAsync();
        await bot.StepAsync();

        Assert.Equal(0, SlackPosts);
        Assert.Empty(discord.Posts);
        var today = (await bot.Get<IDigestLedger>().ListAsync(default)).Where(s => s.SlotDate == "2025-03-11").ToList();
        Assert.Equal(2, today.Count);
        Assert.All(today, s => Assert.Equal(DigestSlotState.Skipped, s.State));
    }
}
