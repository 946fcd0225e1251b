using System.Text.Json.Nodes;
using Newsdesk.Chat;
using Newsdesk.Slack;
using Newsdesk.Slack.Replies;

namespace Newsdesk.Tests.Slack;

public sealed class SlackAnswerFormatterTests
{
    private static readonly SlackAnswerFormatter Formatter = new();

    [Fact]
    public void AnAnswerHasASectionLinkedSourcesABackendNoteAndAPlainFallback()
    {
        var answer = Answer("AllofMP3 was shut down [1].", [new Citation(1, "seeds/a.txt", "AllofMP3 closes", "quote", new Uri("https://example.com/a?x=1&y=2"))]);
        var content = Formatter.Format(answer);

        Assert.Equal("section", content.Blocks[0]!["type"]!.GetValue<string>());
        Assert.Equal("AllofMP3 was shut down [1].", content.Blocks[0]!["text"]!["text"]!.GetValue<string>());
        var texts = AllTexts(content.Blocks);
        Assert.Contains(texts, t => t == "<https://example.com/a?x=1&amp;y=2|[1] AllofMP3 closes>");
        Assert.Contains(texts, t => t.Contains("offline", StringComparison.Ordinal));
        Assert.StartsWith("AllofMP3 was shut down [1].", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ACitationWithoutAUrlShowsItsTitleAndSource()
    {
        var content = Formatter.Format(Answer("Text [1].", [new Citation(1, "bbc/entertainment/001.txt", "A title", "q", null)]));
        Assert.Contains(AllTexts(content.Blocks), t => t == "[1] A title (bbc/entertainment/001.txt)");
    }

    [Fact]
    public void TheFallbackReasonIsShownWhenSet()
    {
        var answer = Answer("Text.", []) with { FallbackReason = "the model timed out" };
        var content = Formatter.Format(answer);
        Assert.Contains(AllTexts(content.Blocks), t => t.Contains("the model timed out", StringComparison.Ordinal));
        Assert.Contains("the model timed out", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void UserAndArticleTextCanNeverPingOrMentionAnyone()
    {
        const string hostile = "<!channel> <!here> <!everyone> <@U123> <#C1> <https://evil|click> & more";
        var answer = new Answer(hostile, false, hostile, [new Citation(1, hostile, hostile, hostile, new Uri("https://example.com/x"))],
            hostile, hostile, [hostile]);
        var content = Formatter.Format(answer);
        var everything = string.Join("\n", AllTexts(content.Blocks)) + "\n" + content.Text;

        foreach (var forbidden in new[] { "<!channel>", "<!here>", "<!everyone>", "<@U123>", "<#C1>", "<https://evil" })
            Assert.DoesNotContain(forbidden, everything, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", everything, StringComparison.Ordinal);
        Assert.Contains("&amp; more", everything, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeAnswersStayWithinSlacksLimits()
    {
        var citations = Enumerable.Range(1, 700).Select(i => new Citation(i, $"s{i}", new string('t', 400), "q", new Uri($"https://example.com/{i}"))).ToList();
        var content = Formatter.Format(Answer(new string('a', 10_000), citations) with { FallbackReason = new string('f', 5000) });

        Assert.True(content.Blocks.Count <= SlackAnswerFormatter.MaxBlocks);
        Assert.True(content.Text.Length < 4000);
        Assert.All(AllTexts(content.Blocks), t => Assert.True(t.Length <= SlackAnswerFormatter.MaxSectionText));
        Assert.All(content.Blocks.Where(b => b!["type"]!.GetValue<string>() == "context"), b => Assert.True(b!["elements"]!.AsArray().Count <= 10));
    }

    [Fact]
    public void ADeclineListsNearbyTopics()
    {
        var answer = new Answer("q", false, "I don't follow that.", [], "offline", null, ["Story <one>"]);
        Assert.Contains(AllTexts(Formatter.Format(answer).Blocks), t => t.Contains("Story &lt;one&gt;", StringComparison.Ordinal));
    }

    private static Answer Answer(string text, IReadOnlyList<Citation> citations) =>
        new("q", true, text, citations, "offline", null, []);

    private static List<string> AllTexts(JsonArray blocks) =>
        blocks.SelectMany(b => b!["type"]!.GetValue<string>() == "context"
            ? b["elements"]!.AsArray().Select(e => e!["text"]!.GetValue<string>())
            : [b["text"]!["text"]!.GetValue<string>()]).ToList();
}
