using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Stories;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Stories;

/// <summary>The brief of the seed story, built offline from a real store of the seed (real embeddings): the parties
/// with their cited claims, the contested royalties point, an ordered timeline and the BPI's open legal action.</summary>
public sealed class AllofMP3BriefTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Fact]
    public async Task AllofMP3BriefShowsThePartiesTheirClaimsAContestedPointTheTimelineAndWhatIsOpen()
    {
        using var host = await CoreHost.CreateLoadedAsync(folder.File("store.db"), [TestPaths.Seeds]);

        var brief = await host.Services.GetRequiredService<StoryBriefBuilder>().BuildAsync("AllofMP3", CancellationToken.None);

        var names = brief.Parties.Select(p => p.Name).ToList();
        Assert.Contains("MediaServices", names);
        Assert.Contains("Geoff Taylor", names);
        Assert.Contains("US trade representatives", names);
        Assert.Contains("Vladimir Putin", names);
        Assert.Contains("Russian authorities", names);
        var bpi = Assert.Single(brief.Parties, p => p.Mentions.Contains("BPI"));
        Assert.Contains("British Phonographic Industry", bpi.Mentions);
        Assert.Contains(bpi.Claims, c => c.Line.Text.Contains("unsure how the shutdown", StringComparison.Ordinal));
        Assert.Contains(brief.Parties.Single(p => p.Name == "Geoff Taylor").Claims, c => c.Line.Text.Contains("welcome news", StringComparison.Ordinal));
        Assert.Contains(brief.Parties.Single(p => p.Name == "MediaServices").Claims, c => c.Line.Text.Contains("pays royalties", StringComparison.Ordinal));

        Assert.Contains(brief.ContestedPoints, c => (c.Claim.Party, c.Counter.Party) == ("MediaServices", "Western music bodies"));
        // The BPI's charge, answered by MediaServices' denial a sentence later; no other pair.
        Assert.Contains(brief.ContestedPoints, c => (c.Claim.Party, c.Counter.Party) == ("British Phonographic Industry", "MediaServices")
            && c.Claim.Line.Text.Contains("music pirate", StringComparison.Ordinal) && c.Counter.Line.Text.Contains("don't need the permission", StringComparison.Ordinal));
        Assert.Equal(2, brief.ContestedPoints.Count);

        // No publication date is known for the seed: its relative dates are undated, in the article's order.
        Assert.Equal(["this morning", "last week", "last October", "in November", "In April", "today"], brief.Timeline.Select(t => t.Expression));
        Assert.All(brief.Timeline, t => Assert.Equal(TimelineEvent.Undated, t.Basis));
        Assert.Contains(brief.OpenPoints, l => l.Text.Contains("legal attack", StringComparison.Ordinal));

        var source = Assert.Single(brief.Sources);
        Assert.All(brief.Parties.SelectMany(p => p.Claims).Select(c => c.Line).Concat(brief.OpenPoints).Append(brief.Summary!), l => Assert.Equal(source.Number, l.Source));
    }

    [Fact]
    public async Task ATopicNoArticleIsAboutGivesAnEmptyBriefNotAnInventedOne()
    {
        using var host = await CoreHost.CreateLoadedAsync(folder.File("empty.db"), [folder.File("no-such-folder")]);

        var brief = await host.Services.GetRequiredService<StoryBriefBuilder>().BuildAsync("AllofMP3", CancellationToken.None);

        Assert.True(brief.IsEmpty);
        Assert.Empty(brief.Parties);
    }

    public void Dispose() => folder.Dispose();
}
