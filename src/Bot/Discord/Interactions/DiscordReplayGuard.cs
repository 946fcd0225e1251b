namespace Newsdesk.Discord.Interactions;

/// <summary>Remembers the ids of interactions already handled, so a captured, validly signed request sent again runs
/// nothing. Discord signs timestamp + body but documents no freshness window (docs/protocols.md, "Discord request signing") and never re-sends
/// an interaction, so the interaction id (a snowflake, unique per interaction and covered by the signature) is the
/// nonce. Kept for <see cref="Retention"/>, beyond the interaction token's 15 minutes, after which a replay can
/// neither edit nor follow up anything on Discord; and at most <see cref="Capacity"/> ids, oldest out first, so
/// memory stays bounded. An older replay is still limited by the per-user rate limit of the user it names.</summary>
public sealed class DiscordReplayGuard(TimeProvider time)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    public const int Capacity = 100_000;

    private readonly Lock gate = new();
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset Expires)> order = new();

    /// <summary>True the first time an id is seen; false for a replay.</summary>
    public bool TryClaim(string interactionId)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            while (order.Count > 0 && (order.Peek().Expires <= now || order.Count >= Capacity))
                seen.Remove(order.Dequeue().Id);
            if (!seen.Add(interactionId)) return false;
            order.Enqueue((interactionId, now + Retention));
            return true;
        }
    }
}
