using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Retrieval;

/// <summary>The index snapshot file gives back exactly what was written (every field of every passage, the vectors
/// bit for bit, the term counts), nothing under another key, and a clear error for a file that is not whole.</summary>
public sealed class IndexSnapshotFileTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    private static IndexSnapshot Sample()
    {
        var random = new Random(5);
        var passages = Enumerable.Range(0, 30).Select(i =>
        {
            var sentences = Enumerable.Range(0, i % 4).Select(s => new SentenceSpan(s * 10, 9)).ToArray();
            var vectors = Enumerable.Range(0, sentences.Length * 8).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            var url = i % 3 == 0 ? null : new Uri($"https://news.example/story/{i}?q=ä");
            var passage = new StoredPassage(100 + i, i / 2, $"section/{i}.txt", $"Title {i} – Ω", url, i % 2, new string('x', 40) + i,
                new DateTimeOffset(2026, 11, 30, 18, i, 7, TimeSpan.FromHours(i % 2)).AddTicks(i));
            return (passage, sentences, vectors);
        }).ToList();
        var terms = new TermStatistics(passages.Select(p => p.passage.Title + " " + p.passage.Text));
        return new IndexSnapshot(passages, 3, terms);
    }

    [Fact]
    public void ASnapshotReadsBackAsWritten()
    {
        var written = Sample();
        IndexSnapshotFile.Write(folder.File("store.db.index-snapshot"), "key", written);

        var read = IndexSnapshotFile.Read(folder.File("store.db.index-snapshot"), "key")!;

        Assert.Equal(written.Planted, read.Planted);
        Assert.Equal(written.Passages.Select(p => p.Passage), read.Passages.Select(p => p.Passage));
        Assert.Equal(written.Passages.Select(p => p.Passage.AddedAt.Offset), read.Passages.Select(p => p.Passage.AddedAt.Offset));
        Assert.Equal(written.Passages.Select(p => p.Sentences), read.Passages.Select(p => p.Sentences));
        Assert.Equal(written.Passages.Select(p => p.Vectors), read.Passages.Select(p => p.Vectors));
        Assert.Equal(written.Terms.PassageCount, read.Terms.PassageCount);
        Assert.Equal(written.Terms.PassageFrequencies.OrderBy(t => t.Key, StringComparer.Ordinal),
            read.Terms.PassageFrequencies.OrderBy(t => t.Key, StringComparer.Ordinal));
        Assert.Equal(["store.db.index-snapshot"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void TheSizeCountedBeforeWritingIsTheWrittenFilesLength()
    {
        var key = "a key longer than one length byte holds: " + new string('k', 200);
        IndexSnapshotFile.Write(folder.File("snapshot"), key, Sample());

        Assert.Equal(new FileInfo(folder.File("snapshot")).Length, IndexSnapshotFile.SizeOf(key, Sample()));
    }

    [Fact]
    public void ASnapshotUnderAnotherKeyIsNotRead()
    {
        IndexSnapshotFile.Write(folder.File("snapshot"), "the store before", Sample());

        Assert.Null(IndexSnapshotFile.Read(folder.File("snapshot"), "the store now"));
    }

    [Fact]
    public void AFileCutShortOrOverwrittenIsReportedAsUnreadable()
    {
        IndexSnapshotFile.Write(folder.File("snapshot"), "key", Sample());
        var whole = File.ReadAllBytes(folder.File("snapshot"));

        foreach (var length in new[] { 0, 10, whole.Length / 3, whole.Length / 2, whole.Length - 1 })
        {
            File.WriteAllBytes(folder.File("snapshot"), whole[..length]);
            Assert.Throws<InvalidDataException>(() => IndexSnapshotFile.Read(folder.File("snapshot"), "key"));
        }
        var overwritten = (byte[])whole.Clone();
        Array.Fill(overwritten, (byte)0xFF, whole.Length / 2, 64);
        File.WriteAllBytes(folder.File("snapshot"), overwritten);
        Assert.Throws<InvalidDataException>(() => IndexSnapshotFile.Read(folder.File("snapshot"), "key"));
        File.WriteAllBytes(folder.File("snapshot"), [.. whole, 0]);
        Assert.Throws<InvalidDataException>(() => IndexSnapshotFile.Read(folder.File("snapshot"), "key"));
    }

    public void Dispose() => folder.Dispose();
}
