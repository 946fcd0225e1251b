namespace Newsdesk.Chat.RateLimiting;

/// <summary>One sender's tokens. Not thread-safe: <see cref="ChatRateLimiter"/> holds its lock around every use.</summary>
internal sealed class ChatTokenBucket(ChatRateLimit limit, long now)
{
    private double tokens = limit.Permits;
    private long refilledAt = now;

    /// <summary>When a question last touched this bucket (for least-recently-used pruning).</summary>
    public long LastUsed { get; set; } = now;

    public bool HasRefused { get; set; }

    /// <summary>Tops the bucket up for the time since it was last used; true when it is full again (and so could be
    /// forgotten: a fresh bucket would be the same).</summary>
    public bool Refill(long now, TimeProvider time)
    {
        var elapsed = time.GetElapsedTime(refilledAt, now);
        if (elapsed > TimeSpan.Zero) tokens = Math.Min(limit.Permits, tokens + elapsed / limit.Window * limit.Permits);
        refilledAt = now;
        return tokens >= limit.Permits;
    }

    /// <summary>Zero when a token is there; else how long until one will be.</summary>
    public TimeSpan Wait => tokens >= 1 ? TimeSpan.Zero : limit.Window * ((1 - tokens) / limit.Permits);

    public void Take() => tokens -= 1;
}
