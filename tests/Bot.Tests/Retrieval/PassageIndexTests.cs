using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Retrieval;

/// <summary>Dense search through the int8 first pass, and through the binary first pass with the floats in a file,
/// against exact search over the same passages, where many passages are byte-identical copies (equal cosines), as in
/// the BBC set.</summary>
public sealed class PassageIndexTests
{
    private const int Dimensions = 384;

    [Fact]
    public void TheFirstPassGivesExactSearchsListWithCopiesInPassageOrder()
    {
        var random = new Random(5);
        var (passages, centres) = ClusteredWithCopies(random);
        var exact = new PassageIndex(passages, Dimensions);
        var firstPass = new PassageIndex(passages, Dimensions, firstPassSentences: 400);

        for (var q = 0; q < 60; q++)
        {
            var query = Unit(random, centres[q % centres.Length]);
            var expected = exact.Nearest(query, 40);
            Assert.Contains(expected, e => expected.Count(o => o.Cosine == e.Cosine) > 1); // copies tie in every list
            Assert.Equal(expected.Select(h => (h.Passage.Id, h.Cosine)), firstPass.Nearest(query, 40).Select(h => (h.Passage.Id, h.Cosine)));
        }
    }

    /// <summary>A passage's first sentence may lean on the story's sentence before the cut between two passages: the
    /// last sentence of the same story's previous passage, and nothing where the passage opens its story.</summary>
    [Fact]
    public void TheSentenceBeforeAPassageIsTheLastOfItsStorysPreviousPassage()
    {
        (StoredPassage, SentenceSpan[], float[]) Part(long id, long document, int ordinal, params string[] sentences)
        {
            var text = string.Join(' ', sentences);
            var spans = new List<SentenceSpan>();
            foreach (var sentence in sentences) spans.Add(new SentenceSpan(text.IndexOf(sentence, StringComparison.Ordinal), sentence.Length));
            var vectors = new float[sentences.Length * Dimensions];
            for (var s = 0; s < sentences.Length; s++) vectors[s * Dimensions] = 1;
            return (new StoredPassage(id, document, "s.txt", "Title", null, ordinal, text, DateTimeOffset.UnixEpoch), [.. spans], vectors);
        }
        var index = new PassageIndex([
            Part(1, 7, 0, "The Bravery played their first gig in 2003.", "The Bravery are proof of new talent, he said."),
            Part(2, 7, 1, "Nigel Harding said every track from their live set sounded like a single."),
            Part(3, 8, 0, "Another story opens here."),
        ], Dimensions);

        Assert.Equal("The Bravery are proof of new talent, he said.", index.SentenceBefore(2));
        Assert.Equal("", index.SentenceBefore(1));
        Assert.Equal("", index.SentenceBefore(3));
        Assert.Equal("", index.SentenceBefore(99));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 4)]
    [InlineData(true, 1)]
    [InlineData(true, 4)]
    public void AFirstPassWithFloatsOnDiskGivesExactSearchsListAndSentenceCosines(bool binary, int readers)
    {
        var random = new Random(11);
        var (passages, centres) = ClusteredWithCopies(random);
        var exact = new PassageIndex(passages, Dimensions);
        using var folder = new TemporaryFolder();
        var onDisk = OnDisk(passages, folder.File("rows.bin"), binary, readers);

        for (var q = 0; q < 60; q++)
        {
            var query = Unit(random, centres[q % centres.Length]);
            var expected = exact.Nearest(query, 40);
            Assert.Equal(expected.Select(h => (h.Passage.Id, h.Cosine)), onDisk.Nearest(query, 40).Select(h => (h.Passage.Id, h.Cosine)));
            var id = expected[q % expected.Count].Passage.Id;
            Assert.Equal(exact.Sentences(id, query), onDisk.Sentences(id, query));
        }
        Assert.True(onDisk.Dense.MemoryBytes * (binary ? 8 : 3) < exact.Dense.MemoryBytes);
        if (!OperatingSystem.IsWindows()) Assert.Empty(Directory.GetFiles(folder.Path)); // nothing left if killed
    }

    [Fact]
    public void AnOnDiskIndexWithFewerCandidatesThanAskedForSearchesEveryPassage()
    {
        var random = new Random(13);
        var passages = Enumerable.Range(0, 50).Select(i => Passage(i, i % 7 == 0 ? [] : Unit(random, null))).ToList();
        using var folder = new TemporaryFolder();
        var onDisk = OnDisk(passages, folder.File("rows.bin"), binary: true, readers: 1);
        var query = Unit(random, null);

        Assert.Equal(new PassageIndex(passages, Dimensions).Nearest(query, 100), onDisk.Nearest(query, 100));
    }

    [Fact]
    public void AnIndexWithNoMoreSentencesThanTheFirstPassSearchesExactly()
    {
        var random = new Random(9);
        var passages = Enumerable.Range(0, 50).Select(i => Passage(i, Unit(random, null))).ToList();
        var index = new PassageIndex(passages, Dimensions, firstPassSentences: 400);
        var query = Unit(random, null);

        Assert.Equal(0, ((InMemorySentences)index.Dense).CodeBytes);
        Assert.Equal(50, index.Nearest(query, 100).Count);
    }

    private static PassageIndex OnDisk(List<(StoredPassage Passage, SentenceSpan[] Sentences, float[] Vectors)> passages, string path,
        bool binary, int readers)
    {
        var vectors = passages.Select(p => p.Vectors).ToList();
        return new(passages.Select(p => (p.Passage, p.Sentences)).ToList(), Dimensions, binary
            ? OnDiskSentences.WithBinary(vectors, Dimensions, path, shortlist: 2_000, rescored: 300, readers)
            : OnDiskSentences.WithInt8(vectors, Dimensions, path, firstPassSentences: 400, readers));
    }

    private static (List<(StoredPassage, SentenceSpan[], float[])> Passages, float[][] Centres) ClusteredWithCopies(Random random)
    {
        var centres = Enumerable.Range(0, 30).Select(_ => Unit(random, null)).ToArray();
        var stories = Enumerable.Range(0, 1_500).Select(_ =>
        {
            var centre = centres[random.Next(centres.Length)];
            return Enumerable.Range(0, random.Next(1, 6)).SelectMany(_ => Unit(random, centre)).ToArray();
        }).ToList();
        // A copy of every fifth story, byte for byte, placed far from its original so the heap sees them apart.
        stories.AddRange(stories.Where((_, i) => i % 5 == 0).Select(v => v.ToArray()).ToList());
        return (stories.Select((v, i) => Passage(i, v)).ToList(), centres);
    }

    private static (StoredPassage, SentenceSpan[], float[]) Passage(int id, float[] vectors) =>
        (new StoredPassage(id, id, $"doc{id}.txt", $"Story {id}", null, 0, $"text {id}", DateTimeOffset.UnixEpoch),
            Enumerable.Range(0, vectors.Length / Dimensions).Select(s => new SentenceSpan(s, 1)).ToArray(), vectors);

    private static float[] Unit(Random random, float[]? centre) => RandomUnitVectors.Next(random, Dimensions, centre, 0.8);
}
