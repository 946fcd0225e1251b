using Newsdesk.Corpus;
using Newsdesk.Retrieval;

namespace Newsdesk.Tests.Retrieval;

/// <summary>Dense search through the int8 first pass against exact search over the same passages, where many
/// passages are byte-identical copies (equal cosines), as in the BBC set.</summary>
public sealed class PassageIndexTests
{
    private const int Dimensions = 384;

    [Fact]
    public void TheFirstPassGivesExactSearchsListWithCopiesInPassageOrder()
    {
        var random = new Random(5);
        var centres = Enumerable.Range(0, 30).Select(_ => Unit(random, null)).ToArray();
        var stories = Enumerable.Range(0, 1_500).Select(_ =>
        {
            var centre = centres[random.Next(centres.Length)];
            return Enumerable.Range(0, random.Next(1, 6)).SelectMany(_ => Unit(random, centre)).ToArray();
        }).ToList();
        // A copy of every fifth story, byte for byte, placed far from its original so the heap sees them apart.
        stories.AddRange(stories.Where((_, i) => i % 5 == 0).Select(v => v.ToArray()).ToList());
        var passages = stories.Select((v, i) => Passage(i, v)).ToList();
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

    [Fact]
    public void AnIndexWithNoMoreSentencesThanTheFirstPassSearchesExactly()
    {
        var random = new Random(9);
        var passages = Enumerable.Range(0, 50).Select(i => Passage(i, Unit(random, null))).ToList();
        var index = new PassageIndex(passages, Dimensions, firstPassSentences: 400);
        var query = Unit(random, null);

        Assert.Equal(0, index.CodeBytes);
        Assert.Equal(50, index.Nearest(query, 100).Count);
    }

    private static (StoredPassage, SentenceSpan[], float[]) Passage(int id, float[] vectors) =>
        (new StoredPassage(id, id, $"doc{id}.txt", $"Story {id}", null, 0, $"text {id}", DateTimeOffset.UnixEpoch),
            Enumerable.Range(0, vectors.Length / Dimensions).Select(s => new SentenceSpan(s, 1)).ToArray(), vectors);

    private static float[] Unit(Random random, float[]? centre) => RandomUnitVectors.Next(random, Dimensions, centre, 0.8);
}
