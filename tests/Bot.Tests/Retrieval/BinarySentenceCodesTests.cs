using Newsdesk.Retrieval;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Retrieval;

/// <summary>The binary first pass with rescoring from a file, against exact search in memory on clustered unit
/// vectors (many near-ties inside a cluster, as with several articles on one story).</summary>
public sealed class BinarySentenceCodesTests
{
    private const int Dimensions = 384;

    [Theory]
    [InlineData(1_000, 0, 1)]   // Hamming distance alone
    [InlineData(300, 4_000, 1)] // a Hamming shortlist re-ranked by the query's floats against the scaled bits
    [InlineData(300, 4_000, 4)] // the same, the candidates read back and rescored on four threads
    public void FirstPassWithRescoringFromTheFileFindsTheExactTopFiveAndItsExactCosines(int sentences, int shortlist, int readers)
    {
        var random = new Random(7);
        var centres = Enumerable.Range(0, 40).Select(_ => Unit(random, null)).ToArray();
        var passages = Enumerable.Range(0, 4_000).Select(_ =>
        {
            var centre = centres[random.Next(centres.Length)];
            return Enumerable.Range(0, random.Next(1, 6)).SelectMany(_ => Unit(random, centre)).ToArray();
        }).ToArray();
        var vectors = new SentenceVectors(passages, Dimensions);
        var codes = new BinarySentenceCodes(BinarySentenceCodes.MeanOf(passages, Dimensions), vectors.SentenceCount);
        using var folder = new TemporaryFolder();
        using var writer = new SentenceRowFileWriter(folder.File("rows.bin"), Dimensions);
        for (var p = 0; p < passages.Length; p++) { codes.Add(p, passages[p]); writer.Append(passages[p]); }
        using var file = writer.Complete();

        double found = 0;
        const int Queries = 100;
        for (var q = 0; q < Queries; q++)
        {
            var query = Unit(random, centres[q % centres.Length]);
            var exact = vectors.Nearest(query, 40);
            var approximate = file.Nearest(query, codes.CandidatePassages(query, sentences, shortlist), 40, readers);
            found += exact.Take(5).Select(e => e.Passage).Intersect(approximate.Take(5).Select(h => h.Passage)).Count() / 5.0;
            foreach (var (passage, cosine) in approximate) Assert.Equal(vectors.BestOf(passage, query), cosine);
        }

        Assert.True(found / Queries >= 0.99, $"recall@5 {found / Queries:P1}");
    }

    [Fact]
    public void TheFirstPassHandsOnThePassagesOfExactlyTheClosestSentencesEarlierFirstOnTies()
    {
        // Four 64-component sentences in three passages; the query's signs match sentence 2 exactly, sentences 0 and
        // 3 differ in one sign each and sentence 1 in all. Two sentences: sentence 2, then the earlier of 0 and 3.
        float[] Row(int differing) => Enumerable.Range(0, 64).Select(i => i < differing ? -1f : 1f).ToArray();
        var codes = new BinarySentenceCodes(new float[64], 4);
        codes.Add(0, [.. Row(1), .. Row(64)]);
        codes.Add(1, Row(0));
        codes.Add(2, Row(1));

        Assert.Equal([0, 1], codes.CandidatePassages(Row(0), 2));
        Assert.Equal([1], codes.CandidatePassages(Row(0), 1));
        Assert.Equal([0, 1, 2], codes.CandidatePassages(Row(0), 3));
    }

    private static float[] Unit(Random random, float[]? centre) => RandomUnitVectors.Next(random, Dimensions, centre, 0.8);
}
