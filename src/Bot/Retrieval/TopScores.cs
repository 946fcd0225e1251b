namespace Newsdesk.Retrieval;

/// <summary>The <c>limit</c> highest-scoring items offered, kept in a min-heap so each offer below the current
/// worst costs one comparison; a later item replaces the worst only with a strictly higher score.</summary>
public sealed class TopScores(int limit)
{
    private readonly PriorityQueue<int, float> heap = new(limit + 1);

    public void Offer(int item, float score)
    {
        if (limit <= 0) return;
        if (heap.Count < limit) heap.Enqueue(item, score);
        else if (heap.TryPeek(out _, out var worst) && score > worst) heap.EnqueueDequeue(item, score);
    }

    /// <summary>Empties the heap into a list, best first.</summary>
    public IReadOnlyList<(int Item, float Score)> Descending()
    {
        var result = new List<(int, float)>(heap.Count);
        while (heap.TryDequeue(out var item, out var score)) result.Add((item, score));
        result.Reverse();
        return result;
    }
}
