using Newsdesk.Retrieval;

namespace Newsdesk.Tests.Retrieval;

/// <summary>The quantised first pass against exact search on clustered unit vectors (many near-ties inside a
/// cluster, as with several articles on one story).</summary>
public sealed class Int8SentenceCodesTests
{
    [Theory]
    [InlineData(384)] // the model's width: the vector path
    [InlineData(50)]  // not a multiple of the vector width: the remainder path too
    public void FirstPassWithRescoringFindsTheExactTopFiveAndItsExactCosines(int dimensions)
    {
        var random = new Random(7);
        var centres = Enumerable.Range(0, 40).Select(_ => RandomUnitVectors.Next(random, dimensions, null, 0)).ToArray();
        var passages = Enumerable.Range(0, 3_000).Select(_ =>
        {
            var centre = centres[random.Next(centres.Length)];
            return Enumerable.Range(0, random.Next(1, 7)).SelectMany(_ => RandomUnitVectors.Next(random, dimensions, centre, 0.8)).ToArray();
        }).ToArray();
        var vectors = new SentenceVectors(passages, dimensions);
        var codes = new Int8SentenceCodes(vectors);

        double found = 0;
        const int Queries = 100;
        for (var q = 0; q < Queries; q++)
        {
            var query = RandomUnitVectors.Next(random, dimensions, centres[q % centres.Length], 0.8);
            var exact = vectors.Nearest(query, 40);
            var quantised = vectors.Nearest(query, codes.CandidatePassages(query, 400), 40);
            found += exact.Take(5).Select(e => e.Passage).Intersect(quantised.Take(5).Select(h => h.Passage)).Count() / 5.0;
            foreach (var (passage, cosine) in quantised) Assert.Equal(vectors.BestOf(passage, query), cosine);
        }

        Assert.True(found / Queries >= 0.99, $"recall@5 {found / Queries:P1}");
    }

    [Fact]
    public void TheIntegerDotProductIsExact()
    {
        var random = new Random(3);
        var a = Enumerable.Range(0, 389).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var b = Enumerable.Range(0, 389).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();

        Assert.Equal(a.Zip(b, (x, y) => x * y).Sum(), Int8SentenceCodes.Dot(a, b));
    }

    [Fact]
    public void TheFirstPassHandsOnOnlyThePassagesOfItsBestSentences()
    {
        var random = new Random(11);
        var passages = Enumerable.Range(0, 500).Select(_ => RandomUnitVectors.Next(random, 64, null, 0)).ToArray();
        var vectors = new SentenceVectors(passages, 64);
        var query = RandomUnitVectors.Next(random, 64, null, 0);

        var quantised = vectors.Nearest(query, new Int8SentenceCodes(vectors).CandidatePassages(query, 3), 10);

        // Three candidates, all near the top; not necessarily the exact three: the first pass is approximate, which is
        // why it hands on many more sentences than the passages asked for.
        Assert.Equal(3, quantised.Count);
        Assert.Subset(vectors.Nearest(query, 10).Select(h => h.Passage).ToHashSet(), quantised.Select(h => h.Passage).ToHashSet());
    }
}
