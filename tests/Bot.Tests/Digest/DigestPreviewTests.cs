using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Cli;
using Newsdesk.Corpus;
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

    /// <summary>Bringing the store up to date with the corpus folders removes documents outside them: right for
    /// <c>serve</c>, but a preview is a look, and run with other folders it must not change what a later digest posts.</summary>
    [Fact]
    public async Task APreviewOverOtherFoldersLeavesTheStoreAsItWas()
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(folder.File("empty"));
        IReadOnlyList<DocumentSummary> before;
        using (var seeded = await CoreHost.CreateLoadedAsync(folder.File("news.db"), [TestPaths.Seeds]))
            before = await seeded.Services.GetRequiredService<IKnowledgeStore>().ListDocumentsAsync(100, default);
        Assert.NotEmpty(before);

        using var host = CoreHost.Create(folder.File("news.db"), [folder.File("empty")]);
        var output = new StringWriter();
        Assert.Equal(0, await ActivatorUtilities.CreateInstance<DigestCommand>(host.Services)
            .RunAsync(CommandLine.Parse(["digest", "--preview"]), output, default));

        var after = await host.Services.GetRequiredService<IKnowledgeStore>().ListDocumentsAsync(100, default);
        Assert.Equal(before.Select(d => d.Source), after.Select(d => d.Source));
    }
}
