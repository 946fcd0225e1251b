namespace Newsdesk.Retrieval;

/// <summary>The <c>limit</c> highest-scoring items offered, kept in a min-heap so each offer below the current
/// worst costs one comparison. Equal scores are ordered by item, the lower first: byte-identical copies of a story
/// tie exactly, and without a total order the heap would pick among them arbitrarily, so which copy is cited would
/// depend on the order the items were offered in (a quantised first pass offers them in another order than exact
/// search does).</summary>
public sealed class TopScores
{
    private readonly int limit;
    private readonly WorstFirst worstFirst = new();
    private readonly PriorityQueue<int, (float Score, int Item)> heap;

    public TopScores(int limit)
    {
        this.limit = limit;
        heap = new PriorityQueue<int, (float Score, int Item)>(Math.Max(limit, 0) + 1, worstFirst);
    }

    public void Offer(int item, float score)
    {
        if (limit <= 0) return;
        if (heap.Count < limit) heap.Enqueue(item, (score, item));
        else if (heap.TryPeek(out _, out var worst) && worstFirst.Compare((score, item), worst) > 0)
            heap.EnqueueDequeue(item, (score, item));
    }

    /// <summary>Empties the heap into a list, best first; equal scores in ascending item order.</summary>
    public IReadOnlyList<(int Item, float Score)> Descending()
    {
        var result = new List<(int, float)>(heap.Count);
        while (heap.TryDequeue(out var item, out var priority)) result.Add((item, priority.Score));
        result.Reverse();
        return result;
    }

    /// <summary>A lower score is worse; at an equal score the higher item is worse.</summary>
    private sealed class WorstFirst : IComparer<(float Score, int Item)>
    {
        public int Compare((float Score, int Item) x, (float Score, int Item) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.Item.CompareTo(x.Item);
        }
    }
}
