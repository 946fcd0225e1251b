using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Corpus;

/// <summary>The store over a real SQLite file: a re-run redoes only what changed, and removed files leave.</summary>
public sealed class CorpusSynchronizerTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Fact]
    public async Task ReRunEmbedsOnlyNewOrChangedFilesAndRemovedFilesLeaveTheStore()
    {
        var corpus = Directory.CreateDirectory(folder.File("corpus")).FullName;
        Directory.CreateDirectory(Path.Combine(corpus, "nested"));
        File.Copy(Path.Combine(TestPaths.Seeds, "allofmp3-shutdown-2007.txt"), Path.Combine(corpus, "seed.txt"));
        await File.WriteAllTextAsync(Path.Combine(corpus, "nested", "labels.md"), Article("Labels sue", "record labels"));
        await File.WriteAllTextAsync(Path.Combine(corpus, "ignored.json"), "{}");
        using var host = CoreHost.Create(folder.File("store.db"), [corpus]);
        var synchronizer = host.Services.GetRequiredService<CorpusSynchronizer>();

        var first = await synchronizer.SynchronizeAsync(CancellationToken.None);
        var second = await synchronizer.SynchronizeAsync(CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(corpus, "nested", "labels.md"), Article("Labels sue again", "record labels and publishers"));
        File.Delete(Path.Combine(corpus, "seed.txt"));
        await File.WriteAllTextAsync(Path.Combine(corpus, "page.html"), $"<html><body><h1>Chart news</h1><p>{Sentences("the singles chart")}</p></body></html>");
        var third = await synchronizer.SynchronizeAsync(CancellationToken.None);

        Assert.Equal(new CorpusSynchronizer.Result(2, 0, 0, 0, 0), first);
        Assert.Equal(new CorpusSynchronizer.Result(0, 0, 0, 2, 0), second);
        Assert.Equal(new CorpusSynchronizer.Result(1, 1, 1, 0, 0), third);
        var documents = await host.Services.GetRequiredService<IKnowledgeStore>().ListDocumentsAsync(10, CancellationToken.None);
        Assert.Equal(["nested/labels.md", "page.html"], documents.Select(d => d.Source).Order(StringComparer.Ordinal));
        Assert.Contains(documents, d => d.Title == "Labels sue again");
    }

    /// <summary>A configured folder that is missing (an unmounted volume, a typo) says nothing about its files: they
    /// stay in the store, and only a folder that is there can remove what it no longer holds.</summary>
    [Fact]
    public async Task AMissingCorpusFolderRemovesNothingFromTheStore()
    {
        var corpus = Directory.CreateDirectory(folder.File("corpus")).FullName;
        File.Copy(Path.Combine(TestPaths.Seeds, "allofmp3-shutdown-2007.txt"), Path.Combine(corpus, "seed.txt"));
        using (var host = CoreHost.Create(folder.File("store.db"), [corpus]))
            await host.Services.GetRequiredService<CorpusSynchronizer>().SynchronizeAsync(CancellationToken.None);

        Directory.Move(corpus, folder.File("unmounted"));
        using var later = CoreHost.Create(folder.File("store.db"), [corpus]);
        var result = await later.Services.GetRequiredService<CorpusSynchronizer>().SynchronizeAsync(CancellationToken.None);

        Assert.Equal(0, result.Removed);
        var documents = await later.Services.GetRequiredService<IKnowledgeStore>().ListDocumentsAsync(10, CancellationToken.None);
        Assert.Equal(["seed.txt"], documents.Select(d => d.Source));
    }

    [Fact]
    public async Task LexicalSearchFindsStoredPassagesAndTreatsQuerySyntaxAsWords()
    {
        using var host = await CoreHost.CreateLoadedAsync(folder.File("store.db"), [TestPaths.Seeds]);
        var lexical = host.Services.GetRequiredService<LexicalRanker>();

        var hits = await lexical.RankAsync("Regiontorg MP3Sparks", 5, CancellationToken.None);
        var hostile = await lexical.RankAsync("\"AllofMP3\" OR NEAR( * ) body:title -", 5, CancellationToken.None);

        Assert.NotEmpty(hits);
        var top = host.Services.GetRequiredService<PassageIndexHolder>().Current.Find(hits[0].PassageId)!;
        Assert.Contains("Regiontorg", top.Text, StringComparison.Ordinal);
        Assert.NotEmpty(hostile);
    }

    private static string Article(string title, string topic) => $"# {title}\n\n{Sentences(topic)}\n";

    private static string Sentences(string topic) =>
        $"Industry figures said on Monday that {topic} had been the subject of a long legal dispute in several countries. " +
        $"Lawyers for both sides expect the case about {topic} to continue for many months before any final ruling is made.";

    public void Dispose() => folder.Dispose();
}
