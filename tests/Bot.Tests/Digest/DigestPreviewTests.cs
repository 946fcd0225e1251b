using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Cli;
using Newsdesk.Digest;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Digest;

public sealed class DigestPreviewTests
{
    [SharedFact]
    public async Task IngestedMusicStoriesAppearInThePreviewTheSportStoryDoesNotAndNothingIsPosted()
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(folder.File("empty"));
        Directory.CreateDirectory(folder.File("in"));
        foreach (var file in new[] { "sport/001.txt", "tech/092.txt", "entertainment/103.txt" })
            File.Copy(Path.Combine(TestPaths.BbcCorpus, file), folder.File("in/" + file.Replace('/', '-')));
        using var host = await CoreHost.CreateLoadedAsync(folder.File("news.db"), [folder.File("empty")]);

        var ingest = ActivatorUtilities.CreateInstance<IngestCommand>(host.Services);
        var output = new StringWriter();
        Assert.Equal(0, await ingest.RunAsync(CommandLine.Parse(["ingest", folder.File("in")]), output, default));
        Assert.Contains("Ingested 3 new documents", output.ToString(), StringComparison.Ordinal);
        await host.Services.GetRequiredService<Newsdesk.Retrieval.PassageIndexHolder>().ReloadAsync(default);

        var markdown = await host.Services.GetRequiredService<DigestPreview>().RenderMarkdownAsync(default);

        var napster = markdown.IndexOf("Norway upholds", StringComparison.Ordinal);
        var chart = markdown.IndexOf("Downloads enter US singles chart", StringComparison.Ordinal);
        var sport = markdown.IndexOf("Claxton hunting first major medal", StringComparison.Ordinal);
        Assert.True(napster > 0 && chart > 0 && sport < 0, markdown);
        Assert.Empty(await host.Services.GetRequiredService<IDigestLedger>().ListAsync(default));
    }
}
