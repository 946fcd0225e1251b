using System.ComponentModel.DataAnnotations;

namespace Newsdesk.Digest;

/// <summary>When and where the daily digest is posted. Destinations that carry secrets (Discord webhook URLs) belong
/// in environment variables or user secrets (<c>Digest__Destinations__0</c>), not in appsettings.json.</summary>
public sealed class DigestOptions : IValidatableObject
{
    public const string Section = "Digest";

    /// <summary>Cron expression (five fields, Cronos syntax) read in <see cref="TimeZone"/>: "0 8 * * *" is 08:00 daily.</summary>
    [Required]
    public string Schedule { get; set; } = "0 8 * * *";

    /// <summary>IANA time zone of the schedule ("Europe/London"); daylight-saving changes follow it.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary><c>slack:C0123ABCD</c> (a Slack channel id), a Discord channel webhook URL
    /// (<c>https://discord.com/api/webhooks/…</c>), or <c>discord:123…</c> (a channel id, posted by the Discord adapter).</summary>
    public List<string> Destinations { get; set; } = [];

    /// <summary>On a quiet day (no new music-industry stories, or none sure enough to lead), post nothing instead of one
    /// short "quiet day" line; the slot is recorded as done either way, and the reason is logged.</summary>
    public bool SkipWhenEmpty { get; set; }

    public bool ShouldSkipWhenEmpty => SkipWhenEmpty;

    /// <summary>A bot that was down at the scheduled time still posts that day's digest on start within this long.</summary>
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a claimed slot belongs to the instance that claimed it before another may check and take it
    /// over; longer than a post with its rate-limit retries takes.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most stories in one digest (the rest are counted in a closing line).</summary>
    [Range(1, 25)]
    public int MaxStories { get; set; } = 8;

    public bool IsEnabled => Destinations.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!DigestSchedule.IsValidCron(Schedule))
            yield return new ValidationResult("Digest:Schedule is not a valid five-field cron expression.");
        if (!DigestSchedule.IsValidZone(TimeZone))
            yield return new ValidationResult("Digest:TimeZone is not a known IANA time zone.");
        if (!Destinations.All(d => DigestDestination.TryParse(d, out _)))
            yield return new ValidationResult("Every Digest:Destinations entry must be slack:CHANNEL_ID, discord:CHANNEL_ID or a Discord channel webhook URL.");
        if (CatchUpWindow < TimeSpan.Zero || ClaimLease <= TimeSpan.Zero)
            yield return new ValidationResult("Digest:CatchUpWindow and Digest:ClaimLease must be positive.");
    }
}
