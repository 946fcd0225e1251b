using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Corpus;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Corpus;

/// <summary>The one ingestion pipeline over a real SQLite file and the real model: sentences of several documents are
/// embedded together in length-sorted batches, yet every stored vector is bit for bit the one the former
/// document-at-a-time embedding gave; documents are saved in the order they came; a failure stops it with its cause.</summary>
public sealed class DocumentIngestorTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Fact]
    public async Task VectorsAreBitIdenticalToEmbeddingEachDocumentAloneAndDocumentsAreSavedInOrder()
    {
        using var host = CoreHost.Create(folder.File("store.db"), [folder.File("none")]);
        var ingestor = host.Services.GetRequiredService<DocumentIngestor>();
        var drafts = Drafts(12).ToList();
        var saved = new List<string>();

        var count = await ingestor.IngestAsync(Async(drafts.Select(d => d with { OnSaved = _ => { saved.Add(d.Record.Source); return Task.CompletedTask; } })),
            drafts.Count, CancellationToken.None);

        Assert.Equal(drafts.Count, count);
        Assert.Equal(drafts.Select(d => d.Record.Source), saved);
        var stored = await host.Services.GetRequiredService<IKnowledgeStore>().LoadPassagesAsync(CancellationToken.None);
        Assert.Equal(drafts.Select(d => d.Record.Source), stored.Select(p => p.Passage.Source).Distinct());
        var embedder = host.Services.GetRequiredService<PassageEmbedder>();
        foreach (var document in stored.GroupBy(p => p.Passage.Source))
        {
            var sentences = document.SelectMany(p => p.Sentences.Select(s => p.Passage.Text.Substring(s.Start, s.Length))).ToArray();
            // What ingestion did before the pipeline: one document's sentences, 32 to a call, sliced over the cores.
            var alone = sentences.Chunk(32).SelectMany(chunk => embedder.EmbedPassages(chunk, CancellationToken.None)).SelectMany(v => v).ToArray();
            var together = document.SelectMany(p => p.Vectors).ToArray();
            Assert.True(MemoryMarshal.AsBytes(alone.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(together.AsSpan())), document.Key);
        }
    }

    [Fact]
    public async Task EachDistinctSentenceGoesToTheModelOnceAndEveryCopyGetsTheSameVector()
    {
        using var host = CoreHost.Create(folder.File("store.db"), [folder.File("none")]);
        var ingestor = host.Services.GetRequiredService<DocumentIngestor>();
        var embedder = host.Services.GetRequiredService<PassageEmbedder>();
        // The seed article three times over, and each story again under another name, some in the same window.
        var drafts = Drafts(12).ToList();
        var copies = drafts.Select(d => d with { Record = d.Record with { Source = "copy-" + d.Record.Source } });

        var count = await ingestor.IngestAsync(Async([.. drafts, .. copies]), drafts.Count * 2, CancellationToken.None);

        Assert.Equal(drafts.Count * 2, count);
        var stored = await host.Services.GetRequiredService<IKnowledgeStore>().LoadPassagesAsync(CancellationToken.None);
        var texts = stored.SelectMany(p => p.Sentences.Select(s => p.Passage.Text.Substring(s.Start, s.Length))).ToList();
        Assert.Equal(texts.Distinct(StringComparer.Ordinal).Count(), embedder.SentencesEmbedded);
        Assert.True(texts.Count > 2 * embedder.SentencesEmbedded, $"{texts.Count} sentences, {embedder.SentencesEmbedded} distinct");
        var bySource = stored.GroupBy(p => p.Passage.Source).ToDictionary(g => g.Key, g => g.SelectMany(p => p.Vectors).ToArray());
        foreach (var draft in drafts)
        {
            var original = bySource[draft.Record.Source];
            Assert.True(MemoryMarshal.AsBytes(original.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(bySource["copy-" + draft.Record.Source].AsSpan())),
                draft.Record.Source);
        }
    }

    [Fact]
    public async Task AFailingStepStopsThePipelineWithItsOwnErrorAndKeepsWhatWasCommitted()
    {
        using var host = CoreHost.Create(folder.File("store.db"), [folder.File("none")]);
        var ingestor = host.Services.GetRequiredService<DocumentIngestor>();
        var drafts = Drafts(6).Select((d, i) => i == 2 ? d with { OnSaved = _ => throw new InvalidOperationException("feed item not recorded") } : d);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => ingestor.IngestAsync(Async(drafts), 6, CancellationToken.None))
            .WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal("feed item not recorded", thrown.Message);
        var stored = await host.Services.GetRequiredService<IKnowledgeStore>().ListDocumentsAsync(10, CancellationToken.None);
        Assert.Contains(stored, d => d.Source == "doc-2.txt");
    }

    [Fact]
    public async Task ADocumentWithoutTextIsStoredWithoutPassages()
    {
        using var host = CoreHost.Create(folder.File("store.db"), [folder.File("none")]);
        var empty = new DocumentDraft(new DocumentRecord("empty.html", "file", "", null, "hash", null, null), new CleanDocument("", []));

        Assert.Equal(1, await host.Services.GetRequiredService<DocumentIngestor>().IngestAsync(empty, CancellationToken.None));
        var hashes = await host.Services.GetRequiredService<IKnowledgeStore>().GetContentHashesAsync("file", CancellationToken.None);
        Assert.Equal("hash", hashes["empty.html"]);
    }

    /// <summary>The seed article and short articles whose sentences differ a lot in length, so batches mix documents.</summary>
    private static IEnumerable<DocumentDraft> Drafts(int count)
    {
        var seed = DocumentCleaner.Clean(File.ReadAllText(Path.Combine(TestPaths.Seeds, "allofmp3-shutdown-2007.txt")), ".txt");
        for (var i = 0; i < count; i++)
        {
            var clean = i % 4 == 0 ? seed : new CleanDocument($"Story {i}", [.. Enumerable.Range(0, 3 + i % 5).Select(p =>
                string.Join(' ', Enumerable.Range(0, 1 + (p + i) % 4).Select(s =>
                    $"Label number {i} said sales in quarter {p} rose{string.Concat(Enumerable.Repeat(" and the royalties for artists grew", (s * 3 + i) % 7))}.")))]);
            yield return new DocumentDraft(new DocumentRecord($"doc-{i}.txt", "file", clean.Title, null, $"hash-{i}", null, null), clean);
        }
    }

    private static async IAsyncEnumerable<DocumentDraft> Async(IEnumerable<DocumentDraft> drafts)
    {
        foreach (var draft in drafts)
        {
            await Task.Yield();
            yield return draft;
        }
    }

    public void Dispose() => folder.Dispose();
}
