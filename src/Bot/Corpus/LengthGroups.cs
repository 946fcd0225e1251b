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
}
