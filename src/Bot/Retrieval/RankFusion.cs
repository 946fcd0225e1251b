namespace Newsdesk.Retrieval;

/// <summary>Reciprocal rank fusion (Cormack et al., 2009): each ranker votes 1/(k + rank). It needs no score
/// calibration between BM25 and cosine, which is why it beat score blending on the evaluation set.</summary>
public static class RankFusion
{
    public static IReadOnlyList<(long Id, double Score)> Fuse(int k, params IReadOnlyList<long>[] rankings)
    {
        var scores = new Dictionary<long, double>();
        foreach (var ranking in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
                scores[ranking[rank]] = scores.GetValueOrDefault(ranking[rank]) + 1.0 / (k + rank + 1);
        }
        return scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Select(s => (s.Key, s.Value)).ToList();
    }
}
