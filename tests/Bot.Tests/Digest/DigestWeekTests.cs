using Microsoft.Extensions.Time.Testing;
using Newsdesk.Digest;
using Newsdesk.Slack;
using Newsdesk.Tests.Fakes.Feeds;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;
using Newsdesk.Slack.Replies;

namespace Newsdesk.Tests.Digest;

/// <summary>The "done when" of the digest: a simulated week of feed items, across the spring daylight-saving change in
/// Europe/London, becomes one digest per destination per day at 08:00 local time, each with that day's stories.</summary>
public sealed class DigestWeekTests
{
    // Wednesday 26 March 2025; the clocks go forward on Sunday 30 March at 01:00 UTC.
    private static readonly DateTimeOffset Start = new(2025, 3, 26, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    // Stories the beat classifier is sure of (above its headline threshold), so every one is shown: this test is about
    // the schedule; which stories lead is DigestBeatTests' concern.
    private static readonly string[] Stories =
    [
        "entertainment/103.txt", "tech/092.txt", "entertainment/266.txt", "tech/263.txt", "entertainment/321.txt", "tech/145.txt",
        "entertainment/148.txt", "tech/075.txt", "entertainment/271.txt", "entertainment/117.txt", "entertainment/268.txt", "entertainment/125.txt",
        "entertainment/147.txt", "entertainment/143.txt",
    ];

    [SharedFact]
    public async Task ASimulatedWeekBecomesOneDigestPerDestinationPerDayAtTheScheduledLocalTime()
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(folder.File("empty"));
        var clock = new FakeTimeProvider(Start);
        await using var feeds = await FakeFeedServer.StartAsync(clock);
        await using var slack = await FakeSlack.StartAsync(clock);
        await using var discord = await FakeDiscordWebhook.StartAsync();
        feeds.AddFeed("rss", FeedFormat.Rss);
        feeds.AddFeed("atom", FeedFormat.Atom);
        // Back catalogue, there before the bot first reads the feeds: stored, never announced.
        feeds.AddItem("rss", BbcArticle.Load("entertainment/159.txt"), Start.AddDays(-3));
        feeds.AddItem("atom", BbcArticle.Load("tech/040.txt"), Start.AddDays(-2));
        var byDay = Enumerable.Range(0, 7).Select(_ => new List<string>()).ToArray();
        for (var day = 0; day < 7; day++)
        {
            foreach (var (file, at) in new[] { (Stories[2 * day], 3), (Stories[2 * day + 1], 12) })
            {
                var article = BbcArticle.Load(file);
                // One story before 08:00 (in that morning's digest), one at noon (in the next morning's).
                feeds.AddItem(day % 2 == 0 ? "rss" : "atom", article, Start.AddDays(day).AddHours(at));
                if (at < 8) byDay[day].Add(article.Title);
                else if (day < 6) byDay[day + 1].Add(article.Title); // day 6's noon story comes after the last digest
            }
        }

        await using var bot = await DigestBot.CreateAsync(folder.File("news.db"), folder.File("empty"), clock, slack, discord.WebhookUrl,
            [feeds.FeedUrl("rss"), feeds.FeedUrl("atom")]);
        var slackPosts = new List<(DateTimeOffset At, SlackApiCall Call)>();
        var discordPosts = new List<(DateTimeOffset At, System.Text.Json.Nodes.JsonObject Body)>();
        await bot.StepAsync();
        for (var hour = 1; hour <= 7 * 24; hour++)
        {
            clock.Advance(TimeSpan.FromHours(1));
            await bot.StepAsync();
            foreach (var call in slack.Calls(c => c.Method == "chat.postMessage").Skip(slackPosts.Count)) slackPosts.Add((clock.GetUtcNow(), call));
            foreach (var post in discord.Posts.Skip(discordPosts.Count)) discordPosts.Add((clock.GetUtcNow(), post.Body));
        }

        Assert.Equal(7, slackPosts.Count);
        Assert.Equal(7, discordPosts.Count);
        for (var day = 0; day < 7; day++)
        {
            var local = TimeZoneInfo.ConvertTime(slackPosts[day].At, London);
            Assert.Equal(new DateTime(2025, 3, 26).AddDays(day), local.Date);
            Assert.Equal(8, local.Hour);
            Assert.Equal(slackPosts[day].At, discordPosts[day].At);
            Assert.Equal(DigestBot.SlackChannel, slackPosts[day].Call.Channel);

            var slackText = slackPosts[day].Call.Json!.ToJsonString();
            var discordText = discordPosts[day].Body.ToJsonString();
            foreach (var title in byDay[day])
            {
                Assert.Contains(Json(SlackText.Escape(title)), slackText, StringComparison.Ordinal);
                Assert.Contains(Json(title), discordText, StringComparison.Ordinal);
            }
            // Only the stories since the previous digest: nothing from other days, nothing from the back catalogue.
            foreach (var other in byDay.Where((_, d) => d != day).SelectMany(t => t).Append("Band Aid 20 single storms to No 1"))
                Assert.DoesNotContain(Json(SlackText.Escape(other)), slackText, StringComparison.Ordinal);
        }
        // The UK clocks went forward on 30 March: 08:00 local was 08:00 UTC before and 07:00 UTC after.
        Assert.Equal(8, slackPosts[3].At.UtcDateTime.Hour);
        Assert.Equal(7, slackPosts[4].At.UtcDateTime.Hour);
        var ledger = await bot.Get<IDigestLedger>().ListAsync(default);
        Assert.Equal(14, ledger.Count);
        Assert.All(ledger, slot => Assert.Equal(DigestSlotState.Posted, slot.State));
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text)[1..^1];
}
