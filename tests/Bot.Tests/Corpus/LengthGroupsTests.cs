using Newsdesk.Corpus;

namespace Newsdesk.Tests.Corpus;

/// <summary>A batch is cut into model calls by length only where the padding saved outweighs a call's fixed cost; every
/// row lands in exactly one call.</summary>
public sealed class LengthGroupsTests
{
    [Fact]
    public void RowsOfOneLengthStayInOneCall()
    {
        var groups = LengthGroups.Cut([12, 12, 12, 12], callCostInTokens: 0);

        Assert.Equal([0, 1, 2, 3], Assert.Single(groups).Order());
    }

    [Fact]
    public void ALongRowIsCutOffWhenItsPaddingOutweighsACall()
    {
        // One call: 5 × 60 + 16 = 316 positions; the short rows alone: 4 × 12 + 16 and 60 + 16 = 140.
        var groups = LengthGroups.Cut([12, 60, 11, 12, 10], callCostInTokens: 16);

        Assert.Equal(2, groups.Count);
        Assert.Equal([0, 2, 3, 4], groups[0].Order());
        Assert.Equal([1], groups[1]);
    }

    [Fact]
    public void SmallDifferencesAreNotWorthACall()
    {
        // One call: 4 × 14 + 16 = 72; cutting off the longest: 3 × 12 + 16 + 14 + 16 = 82.
        var groups = LengthGroups.Cut([12, 14, 11, 12], callCostInTokens: 16);

        Assert.Single(groups);
    }

    [Fact]
    public void EveryRowIsInExactlyOneCall()
    {
        int[] lengths = [30, 5, 18, 18, 44, 7, 9, 25, 5, 61, 12];

        var groups = LengthGroups.Cut(lengths, callCostInTokens: 4);

        Assert.Equal(Enumerable.Range(0, lengths.Length), groups.SelectMany(g => g).Order());
        Assert.True(groups.Count > 1);
    }

    [Fact]
    public void NoRowsGiveNoCalls() => Assert.Empty(LengthGroups.Cut([], callCostInTokens: 16));

    [Fact]
    public void TwoCallsAtOnceShareTheWorkSoTheCostlierIsAsCheapAsItCanBe()
    {
        // Sorted: 10, 11, 12, 12, 20, 22. Cut before 20: 4 × 12 + 8 = 56 and 2 × 22 + 8 = 52; any other cut costs more.
        var groups = LengthGroups.Balance([12, 22, 11, 12, 10, 20], callCostInTokens: 8, calls: 2);

        Assert.Equal(2, groups.Count);
        Assert.Equal([0, 2, 3, 4], groups[0].Order());
        Assert.Equal([1, 5], groups[1].Order());
    }

    [Fact]
    public void ASingleRowIsNotSplit() => Assert.Equal([0], Assert.Single(LengthGroups.Balance([40], callCostInTokens: 8, calls: 2)));

    [Fact]
    public void EveryRowIsInExactlyOneOfTheCallsRunAtOnce()
    {
        var groups = LengthGroups.Balance([5, 9, 2, 7, 7, 30], callCostInTokens: 8, calls: 3);

        Assert.InRange(groups.Count, 2, 3);
        Assert.Equal(Enumerable.Range(0, 6), groups.SelectMany(g => g).Order());
    }
}
