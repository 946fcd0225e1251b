using Newsdesk.Retrieval;

namespace Newsdesk.Tests.Retrieval;

/// <summary>The top-k heap behind dense search. Byte-identical copies of a story score exactly alike, so which copy
/// is cited must not depend on the order passages are offered in.</summary>
public sealed class TopScoresTests
{
    [Fact]
    public void EqualScoresKeepTheLowestItemsWhateverTheOfferOrder()
    {
        var ascending = new TopScores(3);
        var descending = new TopScores(3);
        for (var item = 0; item < 6; item++) ascending.Offer(item, 0.5f);
        for (var item = 5; item >= 0; item--) descending.Offer(item, 0.5f);

        Assert.Equal([0, 1, 2], ascending.Descending().Select(entry => entry.Item));
        Assert.Equal([0, 1, 2], descending.Descending().Select(entry => entry.Item));
    }

    [Fact]
    public void HigherScoresComeFirstAndTiesInAscendingItemOrder()
    {
        var top = new TopScores(4);
        top.Offer(9, 0.2f);
        top.Offer(7, 0.9f);
        top.Offer(3, 0.2f);
        top.Offer(4, 0.9f);
        top.Offer(1, 0.1f);

        Assert.Equal([(4, 0.9f), (7, 0.9f), (3, 0.2f), (9, 0.2f)], top.Descending());
    }

    [Fact]
    public void ALimitOfZeroKeepsNothing()
    {
        var top = new TopScores(0);
        top.Offer(1, 1f);
        Assert.Empty(top.Descending());
    }
}
