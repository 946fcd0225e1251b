using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Cli;
using Newsdesk.Digest;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Digest;

/// <summary>What a digest carries from a mixed import: only music-industry stories, a story reported twice listed once
/// with both sources, each named by its path, and the count of the rest leaving off-beat stories out.</summary>
public sealed class DigestBeatTests
{
    private static readonly string[] Music = ["entertainment/103.txt", "tech/092.txt", "entertainment/126.txt"];

    // Film, television, business and technology stories of the same months: none is music-industry news.
    private static readonly string[] OffBeat = ["entertainment/077.txt", "entertainment/098.txt", "entertainment/174.txt", "business/002.txt", "tech/003.txt"];

    [SharedFact]
    public async Task AMixedImportYieldsOnlyMusicIndustryStoriesWithNearDuplicatesGroupedAndEachSourceNamed()
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(folder.File("empty"));
        Directory.CreateDirectory(folder.File("in"));
        foreach (var file in Music.Concat(OffBeat))
            File.Copy(Path.Combine(TestPaths.BbcCorpus, file), folder.File("in/" + file.Replace('/', '-')));
        // The same story as another outlet ran it: its own headline, the last paragraph cut, so not a byte copy.
        var original = await File.ReadAllLinesAsync(Path.Combine(TestPaths.BbcCorpus, "entertainment/103.txt"));
        await File.WriteAllLinesAsync(folder.File("in/wire-downloads.txt"), ["Digital downloads join the main US singles chart", .. original.Skip(1).SkipLast(2)]);
        using var host = await CoreHost.CreateLoadedAsync(folder.File("news.db"), [folder.File("empty")]);
        var ingest = ActivatorUtilities.CreateInstance<IngestCommand>(host.Services);
        Assert.Equal(0, await ingest.RunAsync(CommandLine.Parse(["ingest", folder.File("in")]), new StringWriter(), default));
        await host.Services.GetRequiredService<PassageIndexHolder>().ReloadAsync(default);

        var digest = await host.Services.GetRequiredService<DigestPreview>().BuildAsync(default);
        var markdown = DigestMarkdown.Render(digest);

        var stories = digest.Topics.SelectMany(t => t.Stories).ToList();
        var titles = stories.Select(s => s.Title).ToList();
        Assert.Equal(3, stories.Count);
        Assert.Contains("Norway upholds 'Napster' ruling", titles);
        Assert.Contains("Doves soar to UK album summit", titles);
        var chart = Assert.Single(stories, s => s.Title.Contains("US singles chart", StringComparison.Ordinal));
        Assert.Equal(["in/entertainment-103.txt", "in/wire-downloads.txt"], chart.Sources.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(stories, s => Assert.StartsWith("in/", s.Source, StringComparison.Ordinal));
        foreach (var file in OffBeat) Assert.DoesNotContain(file.Replace('/', '-'), markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("*import*", markdown, StringComparison.Ordinal);
        Assert.Equal(0, digest.MoreCount);
    }

    [SharedFact]
    public async Task ALargeImportShowsTheTopStoriesAndCountsOnlyTheOtherMusicStories()
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(folder.File("empty"));
        Directory.CreateDirectory(folder.File("in"));
        foreach (var file in Music.Concat(OffBeat))
            File.Copy(Path.Combine(TestPaths.BbcCorpus, file), folder.File("in/" + file.Replace('/', '-')));
        using var host = await CoreHost.CreateLoadedAsync(folder.File("news.db"), [folder.File("empty")],
            new Dictionary<string, string?> { ["Digest:MaxStories"] = "1" });
        var ingest = ActivatorUtilities.CreateInstance<IngestCommand>(host.Services);
        Assert.Equal(0, await ingest.RunAsync(CommandLine.Parse(["ingest", folder.File("in")]), new StringWriter(), default));
        await host.Services.GetRequiredService<PassageIndexHolder>().ReloadAsync(default);

        var digest = await host.Services.GetRequiredService<DigestPreview>().BuildAsync(default);

        Assert.Equal(1, digest.StoryCount);
        Assert.Equal(2, digest.MoreCount);
        Assert.Contains(DigestContent.MoreLine(2), DigestMarkdown.Render(digest).Replace("\\", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task AByteIdenticalCopyIsListedAsAnotherSourceOfTheStoryItRepeats()
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(folder.File("empty"));
        Directory.CreateDirectory(folder.File("in/wire"));
        File.Copy(Path.Combine(TestPaths.BbcCorpus, "tech/092.txt"), folder.File("in/tech-092.txt"));
        File.Copy(Path.Combine(TestPaths.BbcCorpus, "tech/092.txt"), folder.File("in/wire/tech-092.txt"));
        File.Copy(Path.Combine(TestPaths.BbcCorpus, "business/002.txt"), folder.File("in/business-002.txt"));
        using var host = await CoreHost.CreateLoadedAsync(folder.File("news.db"), [folder.File("empty")]);
        var ingest = ActivatorUtilities.CreateInstance<IngestCommand>(host.Services);
        var output = new StringWriter();
        Assert.Equal(0, await ingest.RunAsync(CommandLine.Parse(["ingest", folder.File("in")]), output, default));
        // Importing the folder again stores nothing and makes no file a copy of itself.
        Assert.Equal(0, await ingest.RunAsync(CommandLine.Parse(["ingest", folder.File("in")]), output, default));
        await host.Services.GetRequiredService<PassageIndexHolder>().ReloadAsync(default);

        var digest = await host.Services.GetRequiredService<DigestPreview>().BuildAsync(default);

        Assert.Contains("Ingested 2 new documents.", output.ToString(), StringComparison.Ordinal);
        var story = Assert.Single(digest.Topics.SelectMany(t => t.Stories));
        Assert.Equal("in/tech-092.txt", story.Source);
        Assert.Equal(["in/tech-092.txt", "in/wire/tech-092.txt"], story.Sources.Select(s => s.Name));
        Assert.Contains("(also: *in/wire/tech-092.txt*)", DigestMarkdown.Render(digest).Replace("\\", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
