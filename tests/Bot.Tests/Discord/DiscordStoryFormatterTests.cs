using Newsdesk.Discord.Replies;
using Newsdesk.Stories;

namespace Newsdesk.Tests.Discord;

/// <summary>Long briefs page between whole fields within Discord's embed limits; no line is cut off its citation.</summary>
public sealed class DiscordStoryFormatterTests
{
    [Fact]
    public void ALongBriefIsPagedWithinTheEmbedLimitsAndEveryLineKeepsItsCitation()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("The label said the site had never paid a single royalty to the artists it sold.", 3));
        var parties = Enumerable.Range(1, 30).Select(i => new StoryParty($"Party {i}", [$"Party {i}"],
            Enumerable.Range(1, 3).Select(j => new AttributedClaim($"Party {i}", "said", new CitedLine($"{sentence} ({i}.{j})", 1 + i % 2))).ToList())).ToList();
        var timeline = Enumerable.Range(1, 40).Select(i => new TimelineEvent("in April", new EventDate(2006, 4, i % 28 + 1), TimelineEvent.Stated, new CitedLine($"Event {i}: {sentence}", 2))).ToList();
        var brief = new StoryBrief("royalties", new CitedLine("The dispute goes on.", 1), parties, [], timeline, [new CitedLine("It is set to continue.", 1)],
            [new StorySource(1, 1, "a.txt", "First", null, null), new StorySource(2, 2, "b.txt", "Second", new Uri("https://example.com/b"), null)], ["Another story"]);

        var pages = DiscordStoryFormatter.Pages(brief);

        Assert.True(pages.Count > 1);
        Assert.All(pages, page =>
        {
            Assert.True(page.Length <= DiscordAnswerFormatter.EmbedTotalLimit, $"{page.Length} characters");
            Assert.True(page.Fields!.Count <= DiscordAnswerFormatter.FieldCountLimit);
            Assert.All(page.Fields, f => Assert.True(f.Value.Length <= DiscordAnswerFormatter.FieldValueLimit && f.Name.Length <= DiscordAnswerFormatter.FieldNameLimit));
            Assert.All(page.Fields.Where(f => f.Name is not ("Sources" or "Related stories")).SelectMany(f => f.Value.Split('\n')),
                line => Assert.Matches(@"\[\d\]$", line));
            Assert.EndsWith($"/{pages.Count})", page.Title, StringComparison.Ordinal);
        });
        // Nothing is dropped: every claim and every event is on some page, once.
        var lines = pages.SelectMany(p => p.Fields!).SelectMany(f => f.Value.Split('\n')).ToList();
        Assert.Equal(90, lines.Count(l => l.StartsWith("• said: ", StringComparison.Ordinal)));
        Assert.Equal(40, lines.Count(l => l.Contains("Event ", StringComparison.Ordinal)));
        Assert.Contains("https://example.com/b", pages[^1].Fields!.Single(f => f.Name == "Sources").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ATopicNoArticleIsAboutSaysSo()
    {
        var page = Assert.Single(DiscordStoryFormatter.Pages(new StoryBrief("nothing here", null, [], [], [], [], [], [])));

        Assert.Contains("No article I follow", page.Description, StringComparison.Ordinal);
    }
}
