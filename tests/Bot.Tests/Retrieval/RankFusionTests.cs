using Newsdesk.Retrieval;

namespace Newsdesk.Tests.Retrieval;

public sealed class RankFusionTests
{
    [Fact]
    public void APassageBothRankersLikeBeatsOneThatOnlyOneRankerPutsFirst()
    {
        var fused = RankFusion.Fuse(60, [1, 2, 3], [4, 2, 5]);

        Assert.Equal([2L, 1L, 4L, 3L, 5L], fused.Select(f => f.Id));
        Assert.Equal(1.0 / 62 + 1.0 / 62, fused[0].Score, 10);
    }

    [Fact]
    public void UserTextNeverBecomesFtsSyntax()
    {
        var query = LexicalRanker.ToFtsQuery("who \"shut\" down AllofMP3.com OR NEAR(x) -- *");

        Assert.Equal("\"shut\" OR \"allofmp3\" OR \"com\" OR \"near\"", query);
    }
}
