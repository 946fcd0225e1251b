namespace Newsdesk.Chat;

/// <summary>Replay keys this process saw while the store could not be written (a full disk): a replay to this process
/// is still refused, one to another process or after a restart is not. At most <see cref="Capacity"/> keys, oldest out
/// first, each kept for its retention, so memory stays bounded.</summary>
public sealed class ChatMemoryReplays(TimeProvider time)
{
    public const int Capacity = 100_000;

    private readonly Lock gate = new();
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset Expires)> order = new();

    /// <summary>True the first time a key is seen within its retention; false for a replay.</summary>
    public bool TryClaim(string key, TimeSpan retention)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            while (order.Count > 0 && (order.Peek().Expires <= now || order.Count >= Capacity))
                seen.Remove(order.Dequeue().Key);
            if (!seen.Add(key)) return false;
            order.Enqueue((key, now + retention));
            return true;
        }
    }
}
