namespace Newsdesk.Slack.Events;

/// <summary>Event and message claims this process took while the store could not be written (a full disk). Slack
/// retries an unacknowledged event three times within about five minutes and may deliver one twice, so a claim
/// remembered here keeps a retry to this process from being answered again; it is lost on a restart. Bounded, oldest
/// out first, and forgotten after the store's own retention.</summary>
public sealed class SlackMemoryClaims(TimeProvider time, TimeSpan retention)
{
    private const int MaxClaims = 100_000;

    private readonly HashSet<string> claims = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset At)> order = new();
    private readonly Lock gate = new();

    public bool IsClaimed(IReadOnlyList<string> keys)
    {
        lock (gate)
        {
            Prune();
            return keys.Any(claims.Contains);
        }
    }

    /// <summary>Claims every key at once; true only when none was held.</summary>
    public bool TryClaim(IReadOnlyList<string> keys)
    {
        lock (gate)
        {
            Prune();
            if (keys.Any(claims.Contains)) return false;
            var now = time.GetUtcNow();
            foreach (var key in keys)
            {
                claims.Add(key);
                order.Enqueue((key, now));
            }
            return true;
        }
    }

    private void Prune()
    {
        var before = time.GetUtcNow() - retention;
        while (order.TryPeek(out var oldest) && (oldest.At < before || order.Count > MaxClaims))
        {
            order.Dequeue();
            claims.Remove(oldest.Key);
        }
    }
}
