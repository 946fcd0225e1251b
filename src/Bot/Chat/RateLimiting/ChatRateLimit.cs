namespace Newsdesk.Chat.RateLimiting;

/// <summary>One limit: at most <see cref="Permits"/> questions in any <see cref="Window"/>, refilled evenly (a token
/// bucket holding <see cref="Permits"/> tokens that refills completely over <see cref="Window"/>).</summary>
public sealed class ChatRateLimit
{
    public int Permits { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
