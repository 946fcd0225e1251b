using System.ComponentModel.DataAnnotations;

namespace Newsdesk.Chat.RateLimiting;

/// <summary><c>Chat:RateLimits</c>: how many questions one person, and one channel, may ask before the bot asks them
/// to wait. Checked where an adapter would queue a question, so a refused one costs nothing.</summary>
public sealed class ChatRateLimitOptions : IValidatableObject
{
    public const string Section = "Chat:RateLimits";

    public bool IsEnabled { get; set; } = true;

    /// <summary>A person: a burst of five, then one question every 12 seconds.</summary>
    public ChatRateLimit PerUser { get; set; } = new() { Permits = 5, Window = TimeSpan.FromMinutes(1) };

    /// <summary>A channel (or DM, or Discord channel): a busy room may ask 20 a minute between everyone in it.</summary>
    public ChatRateLimit PerChannel { get; set; } = new() { Permits = 20, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Buckets kept in memory. A full bucket is forgotten without loss; past this many, the least recently
    /// used go too, so a flood of distinct (signed) senders cannot grow memory without bound.</summary>
    [Range(100, 10_000_000)]
    public int MaxTrackedKeys { get; set; } = 100_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, limit) in new[] { ("PerUser", PerUser), ("PerChannel", PerChannel) })
        {
            if (limit.Permits is < 1 or > 100_000)
                yield return new ValidationResult($"Chat:RateLimits:{name}:Permits must be between 1 and 100000.");
            if (limit.Window < TimeSpan.FromSeconds(1) || limit.Window > TimeSpan.FromDays(1))
                yield return new ValidationResult($"Chat:RateLimits:{name}:Window must be between 1 second and 1 day.");
        }
    }
}
