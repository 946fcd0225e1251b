using Microsoft.Extensions.Options;

namespace Newsdesk.Chat.RateLimiting;

/// <summary>Per-user and per-channel token buckets on the injected clock. Both adapters ask it at the point where
/// they would queue a question; a refusal queues nothing and carries a friendly message with when to try again.
/// One lock: a decision is a few dictionary look-ups, far cheaper than answering the question it guards.</summary>
public sealed class ChatRateLimiter(IOptions<ChatRateLimitOptions> options, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ChatTokenBucket> buckets = new(StringComparer.Ordinal);

    /// <summary>Buckets held now; bounded by <see cref="ChatRateLimitOptions.MaxTrackedKeys"/>.</summary>
    public int TrackedKeys { get { lock (gate) return buckets.Count; } }

    /// <summary>Takes one question's permit from the sender's and the channel's bucket, or neither. Keys are scoped
    /// by platform: a Slack user id and a Discord user id never share a bucket.</summary>
    public ChatRateDecision TryAcquire(string platform, string? userId, string? channelId)
    {
        var settings = options.Value;
        if (!settings.IsEnabled) return ChatRateDecision.Allowed;
        var now = time.GetTimestamp();
        lock (gate)
        {
            var user = string.IsNullOrEmpty(userId) ? null : Bucket($"{platform}\nuser\n{userId}", settings.PerUser, now, settings.MaxTrackedKeys);
            var channel = string.IsNullOrEmpty(channelId) ? null : Bucket($"{platform}\nchannel\n{channelId}", settings.PerChannel, now, settings.MaxTrackedKeys);
            // The person's own limit is reported first: it is the one they can do something about.
            var refusedBy = user is { Wait.Ticks: > 0 } ? (user, ChatRateScope.User)
                : channel is { Wait.Ticks: > 0 } ? (channel, ChatRateScope.Channel)
                : default((ChatTokenBucket Bucket, ChatRateScope Scope)?);
            if (refusedBy is { } refusal)
            {
                // A person is told once per burst of their own; a busy channel once per burst of everyone's, not once
                // per person refused in it (50 people in one channel once got 30 notices).
                var told = refusal.Scope == ChatRateScope.Channel ? refusal.Bucket : user ?? refusal.Bucket;
                var isFirst = !told.HasRefused;
                told.HasRefused = true;
                return new ChatRateDecision(false, refusal.Bucket.Wait, refusal.Scope, isFirst);
            }
            user?.Take();
            channel?.Take();
            if (user is not null) user.HasRefused = false;
            if (channel is not null) channel.HasRefused = false;
            return ChatRateDecision.Allowed;
        }
    }

    private ChatTokenBucket Bucket(string key, ChatRateLimit limit, long now, int maxKeys)
    {
        if (buckets.TryGetValue(key, out var bucket))
        {
            bucket.Refill(now, time);
            bucket.LastUsed = now;
            return bucket;
        }
        if (buckets.Count >= maxKeys) Prune(now, maxKeys);
        return buckets[key] = new ChatTokenBucket(limit, now);
    }

    /// <summary>Forgets full buckets (no loss: a new one starts full), then, if a flood of distinct senders still
    /// fills the table, the least recently used half, so memory stays bounded.</summary>
    private void Prune(long now, int maxKeys)
    {
        foreach (var (key, bucket) in buckets.ToList())
        {
            if (bucket.Refill(now, time)) buckets.Remove(key);
        }
        if (buckets.Count < maxKeys) return;
        foreach (var key in buckets.OrderBy(b => b.Value.LastUsed).Take(buckets.Count - maxKeys / 2).Select(b => b.Key).ToList())
            buckets.Remove(key);
    }
}
