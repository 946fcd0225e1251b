namespace Newsdesk.Corpus;

/// <summary>Cuts a batch of rows into model calls by length. A call pads every row to its longest, and the model's work
/// grows with the token positions it runs (rows × longest) plus a fixed cost per call; so the rows are sorted by
/// length and cut where that total is least (an exact partition of the sorted rows, by dynamic programming: batches
/// here are a few dozen rows).</summary>
public static class LengthGroups
{
    /// <param name="lengths">Each row's length in tokens.</param>
    /// <param name="callCostInTokens">A call's fixed cost, in token positions.</param>
    /// <returns>The rows' indexes, a group per call, shortest rows first.</returns>
    public static IReadOnlyList<int[]> Cut(IReadOnlyList<int> lengths, int callCostInTokens)
    {
        var order = Enumerable.Range(0, lengths.Count).OrderBy(i => lengths[i]).ToArray();
        // best[j]: the least cost of the first j sorted rows; from[j]: where the last group of that cut starts.
        var best = new long[order.Length + 1];
        var from = new int[order.Length + 1];
        for (var j = 1; j <= order.Length; j++)
        {
            best[j] = long.MaxValue;
            for (var i = 0; i < j; i++)
            {
                // Rows i..j-1 in one call, padded to the longest of them, the last.
                var cost = best[i] + (long)(j - i) * lengths[order[j - 1]] + callCostInTokens;
                if (cost < best[j]) (best[j], from[j]) = (cost, i);
            }
        }
        var groups = new List<int[]>();
        for (var j = order.Length; j > 0; j = from[j]) groups.Add(order[from[j]..j]);
        groups.Reverse();
        return groups;
    }

    /// <summary>The rows cut into at most <paramref name="calls"/> groups run at once, so that the costliest group (its
    /// rows times its longest, plus a call's fixed cost) is as cheap as it can be: the batch takes that group's time.
    /// Fewer groups where more would not make the costliest cheaper.</summary>
    public static IReadOnlyList<int[]> Balance(IReadOnlyList<int> lengths, int callCostInTokens, int calls)
    {
        var order = Enumerable.Range(0, lengths.Count).OrderBy(i => lengths[i]).ToArray();
        var n = order.Length;
        // worst[k, j]: the least cost of the costliest group when the first j sorted rows make k groups.
        var worst = new long[calls + 1, n + 1];
        var from = new int[calls + 1, n + 1];
        for (var j = 1; j <= n; j++) worst[0, j] = long.MaxValue;
        for (var k = 1; k <= calls; k++)
            for (var j = 1; j <= n; j++)
            {
                // One group fewer is never worse: start from it.
                (worst[k, j], from[k, j]) = k > 1 ? (worst[k - 1, j], -1) : (long.MaxValue, 0);
                for (var i = k - 1; i < j; i++)
                {
                    var cost = Math.Max(i == 0 ? 0 : worst[k - 1, i], (long)(j - i) * lengths[order[j - 1]] + callCostInTokens);
                    if (cost < worst[k, j]) (worst[k, j], from[k, j]) = (cost, i);
                }
            }
        var groups = new List<int[]>();
        for (int k = calls, j = n; j > 0;)
        {
            if (from[k, j] < 0) { k--; continue; }
            groups.Add(order[from[k, j]..j]);
            (k, j) = (k - 1, from[k, j]);
        }
        groups.Reverse();
        return groups;
    }
}
