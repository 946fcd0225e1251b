using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Newsdesk.Digest;
using Newsdesk.Discord.Commands;
using Newsdesk.Discord.Posting;
using Newsdesk.Discord;
using Newsdesk.Platform;
using Newsdesk.Slack.Posting;
using Newsdesk.Slack;
using Newsdesk.Tests.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Digest;

public sealed class DigestFormattingTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 11, 8, 0, 0, TimeSpan.Zero);

    private static DigestContent Digest(int topics, string title = "Story", string summary = "Summary.") => new("Tuesday 11 March 2025",
        Enumerable.Range(0, topics).Select(i => new DigestTopic([
            new DigestStory($"{title} {i}", new Uri($"https://news.example/{i}"), "Music Week", summary, 1, At),
            new DigestStory($"Related {i}", null, "BBC", "More.", 0.5, At),
        ])).ToList(), MoreCount: 3);

    [Fact]
    public void SlackDigestEscapesArticleTextAndStaysWithinBlockKitLimits()
    {
        var content = SlackDigestFormatter.Format(Digest(25, "<!channel> & <@U123>", new string('x', 5000)), "nd-abc");

        Assert.True(content.Blocks.Count <= 50);
        var json = content.Blocks.ToJsonString();
        Assert.DoesNotContain("<!channel>", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<@U123>", json, StringComparison.Ordinal);
        Assert.All(content.Blocks.Where(b => b!["type"]!.GetValue<string>() == "section"),
            b => Assert.True(b!["text"]!["text"]!.GetValue<string>().Length <= 3000));
        Assert.Contains("nd-abc", content.Text, StringComparison.Ordinal);
        Assert.Contains("nd-abc", json, StringComparison.Ordinal);
        Assert.True(content.Text.Length <= 4000);
    }

    [Fact]
    public void DiscordDigestStaysWithinMessageLimitsAndMentionsNobody()
    {
        var message = DiscordWebhookDigestMessage.Build(Digest(15, "@everyone " + new string('t', 300), new string('s', 3000)), "nd-abc");

        var embeds = message["embeds"]!.AsArray();
        Assert.True(embeds.Count <= 10);
        Assert.True(message["content"]!.GetValue<string>().Length <= 2000);
        var embedText = embeds.Sum(e => (e!["title"]?.GetValue<string>().Length ?? 0) + (e["description"]?.GetValue<string>().Length ?? 0)
            + (e["footer"]?["text"]?.GetValue<string>().Length ?? 0));
        Assert.True(embedText <= 6000);
        Assert.All(embeds, e => Assert.True((e!["title"]?.GetValue<string>().Length ?? 0) <= 256));
        Assert.Empty(message["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Contains("more music-industry stories arrived", embeds[^1]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("nd-abc", embeds[^1]!["footer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void PreviewMarkdownShowsEachStoryWithLinkSourceAndSummaryAndAQuietDayLine()
    {
        var markdown = DigestMarkdown.Render(Digest(1, "Napster *wins*"));
        Assert.Contains("## [Napster \\*wins\\* 0](<https://news.example/0>)", markdown, StringComparison.Ordinal);
        Assert.Contains("*Music Week*: Summary.", markdown, StringComparison.Ordinal);
        Assert.Contains("↳ Related: Related 0", markdown, StringComparison.Ordinal);
        Assert.Contains(DigestContent.QuietLine, DigestMarkdown.Render(new DigestContent("Tuesday 11 March 2025", [], 0)), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryShownStoryNamesAllItsSourcesAndOffersAFollowUpButtonOnDiscord()
    {
        var story = new DigestStory("Downloads enter US singles chart " + new string('x', 120), new Uri("https://news.example/chart"), "bbc/entertainment/103.txt",
            "Summary.", 1, At, [new DigestSource("Music Wire", new Uri("https://wire.example/1")), new DigestSource("in/copy.txt", null)]);
        var digest = new DigestContent("Tuesday 11 March 2025", [new DigestTopic([story])], 0);

        var markdown = DigestMarkdown.Render(digest);
        var message = DiscordWebhookDigestMessage.Build(digest, "nd-abc");
        var slack = SlackDigestFormatter.Format(digest, "nd-abc").Blocks.ToJsonString();

        Assert.Contains("*bbc/entertainment/103.txt* (also: [Music Wire](<https://wire.example/1>), *in/copy.txt*)", markdown, StringComparison.Ordinal);
        Assert.Contains("Music Wire", message["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("in/copy.txt", slack, StringComparison.Ordinal);
        var button = message["components"]![0]!["components"]![0]!;
        Assert.Equal(2, button["type"]!.GetValue<int>());
        Assert.True(button["label"]!.GetValue<string>().Length <= 80);
        var customId = button["custom_id"]!.GetValue<string>();
        Assert.True(customId.Length <= 100);
        Assert.True(DiscordFollowUpId.TryParse(customId, out var question));
        Assert.StartsWith("Tell me about this story: Downloads enter US singles chart", question, StringComparison.Ordinal);
    }

    [Fact]
    public void ADayWhoseStoriesNoneLeadIsAQuietDayThatSaysHowManyMayBeOnTheBeat()
    {
        var digest = new DigestContent("Tuesday 11 March 2025", [], 2);
        var quiet = "A quiet day: no clear music-industry headline since the last digest. 2 stories that may be arrived: ask me about them.";

        Assert.True(digest.IsQuiet);
        Assert.Equal(quiet, digest.QuietText);
        var markdown = DigestMarkdown.Render(digest).Replace("\\", "", StringComparison.Ordinal);
        Assert.Contains(quiet, markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(DigestContent.MoreLine(2), markdown, StringComparison.Ordinal);
        var closing = DiscordWebhookDigestMessage.Build(digest, "nd-abc")["embeds"]!.AsArray()[^1]!["description"]!.GetValue<string>();
        Assert.Equal(quiet, closing);
        var slack = SlackDigestFormatter.Format(digest, "nd-abc");
        Assert.StartsWith($"Newsdesk digest: Tuesday 11 March 2025. {quiet}", slack.Text, StringComparison.Ordinal);
        Assert.Contains(quiet, slack.Blocks.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(DigestContent.QuietLine, new DigestContent("Tuesday 11 March 2025", [], 0).QuietText);
    }

    [Fact]
    public async Task DiscordWebhookPosterWaitsOutRetryAfterOnTheClockAndPostsWithWaitTrue()
    {
        await using var discord = await FakeDiscordWebhook.StartAsync();
        var clock = new WatchedClock();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock)
            .AddDiscord(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).BuildServiceProvider();
        var poster = services.GetServices<IDigestPoster>().OfType<DiscordWebhookDigestPoster>().Single();
        Assert.True(DigestDestination.TryParse(discord.WebhookUrl.AbsoluteUri, out var destination));
        discord.RateLimitNext(2.5);

        var posting = poster.PostAsync(destination!, Digest(2), "nd-abc", default);
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(2.5));
        Assert.False(posting.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(2.5));
        var id = await posting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, discord.Requests);
        var (query, body) = Assert.Single(discord.Posts);
        Assert.Equal("?wait=true", query);
        Assert.False(string.IsNullOrEmpty(id));
        Assert.NotNull(body["embeds"] as JsonArray);
    }
}
