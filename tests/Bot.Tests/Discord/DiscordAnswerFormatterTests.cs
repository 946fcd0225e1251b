using System.Text.Json;
using System.Text.RegularExpressions;
using Newsdesk.Chat;
using Newsdesk.Discord;
using Newsdesk.Discord.Commands;
using Newsdesk.Discord.Replies;
using Newsdesk.Discord.Wire;

namespace Newsdesk.Tests.Discord;

public sealed class DiscordAnswerFormatterTests
{
    [Fact]
    public void LongTextIsCutAtASentenceBoundaryKeepingItsCitationMarkers()
    {
        var text = string.Join(" ", Enumerable.Range(1, 40).Select(i => $"Sentence number {i} says something about the label. [{i % 9 + 1}]"));

        var cut = DiscordTextCutter.Cut(text, 500);

        Assert.True(cut.Length <= 500);
        Assert.EndsWith("] …", cut);
        Assert.StartsWith(cut[..^2], text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOverlongSentenceIsCutAtAWordAndNeverInsideACitation()
    {
        var text = "Word " + string.Concat(Enumerable.Repeat("[12][13] word ", 100));

        for (var limit = 20; limit < 200; limit++)
        {
            var cut = DiscordTextCutter.Cut(text, limit);
            Assert.True(cut.Length <= limit);
            Assert.DoesNotMatch(@"\[\d*…$", cut);
        }
    }

    [Fact]
    public void AHugeAnswerStaysWithinEveryDiscordLimit()
    {
        var citations = Enumerable.Range(1, 40).Select(i => new Citation(i, $"folder/story-{i}.txt", new string('T', 400), new string('q', 2000), null)).ToList();
        var text = string.Join(" ", Enumerable.Range(1, 400).Select(i => $"Fact {i} is stated here. [{i % 40 + 1}]"));
        var answer = new Answer(new string('?', 300), true, text, citations, "offline", null, []);

        var embed = DiscordAnswerFormatter.Format(answer, "1").Embeds!.Single();

        Assert.True(embed.Title!.Length <= DiscordAnswerFormatter.TitleLimit);
        Assert.True(embed.Description!.Length <= DiscordAnswerFormatter.DescriptionLimit);
        Assert.True(embed.Fields!.Count <= DiscordAnswerFormatter.FieldCountLimit);
        Assert.All(embed.Fields, f => Assert.True(f.Name.Length <= 256 && f.Value.Length <= 1024));
        Assert.True(embed.Length <= DiscordAnswerFormatter.EmbedTotalLimit, $"{embed.Length} characters");
        Assert.Matches(@"\\?\[\d+\\?\] …$", embed.Description);
    }

    [Fact]
    public void FallbackNoteBackendAndSourcesAreShownAndNobodyCanBePinged()
    {
        var citations = new List<Citation>
        {
            new(1, "bbc/entertainment/001.txt", "Label sues @everyone", "A quote.", null),
            new(2, "https://example.com/story", "Linked story", "Another quote.", new Uri("https://example.com/story")),
        };
        var answer = new Answer("Who? @everyone", true, "It was them. [1][2]", citations, "offline", "The language model timed out.", []);

        var json = JsonSerializer.Serialize(DiscordAnswerFormatter.Format(answer, "123"), DiscordJson.Options);
        var payload = JsonDocument.Parse(json).RootElement;
        var embed = payload.GetProperty("embeds")[0];
        var fields = embed.GetProperty("fields").EnumerateArray().ToList();

        Assert.Equal("""{"parse":[]}""", payload.GetProperty("allowed_mentions").GetRawText());
        Assert.Equal("Note", fields[0].GetProperty("name").GetString());
        Assert.Contains("timed out", fields[0].GetProperty("value").GetString());
        Assert.Contains("`bbc/entertainment/001.txt`", fields[1].GetProperty("value").GetString());
        Assert.Contains("https://example.com/story", fields[2].GetProperty("value").GetString());
        Assert.Contains("offline", embed.GetProperty("footer").GetProperty("text").GetString());
        var ids = payload.GetProperty("components")[0].GetProperty("components").EnumerateArray().Select(b => b.GetProperty("custom_id").GetString()).ToList();
        Assert.Equal(["feedback:up:123", "feedback:down:123"], ids);
        Assert.True(DiscordFeedbackId.TryParse(ids[1], out var key, out var isHelpful) && key == "123" && !isHelpful);
    }

    [Fact]
    public void ADeclineIsShownAsItIsWorded()
    {
        var answer = new Answer("Who won the 1998 World Cup?", false, "The news I follow doesn't cover that, so I won't guess.", [], "offline", null, ["A story"]);

        var embed = DiscordAnswerFormatter.Format(answer, "9").Embeds!.Single();

        Assert.Equal(answer.Text, embed.Description);
        Assert.Empty(embed.Fields!);
        Assert.DoesNotMatch(new Regex(@"\[\d"), embed.Description!);
    }
}
