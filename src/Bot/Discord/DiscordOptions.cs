using System.ComponentModel.DataAnnotations;

namespace Newsdesk.Discord;

/// <summary>Settings of the Discord adapter. The adapter is on only when <see cref="ApplicationId"/> and
/// <see cref="PublicKey"/> are both set; a missing key turns it off, it never means "skip verification".</summary>
public sealed class DiscordOptions : IValidatableObject
{
    public const string Section = "Discord";

    /// <summary>The application's id (General Information page): part of every interaction webhook URL.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The application's Ed25519 public key, 64 hex characters (General Information page).</summary>
    public string? PublicKey { get; set; }

    /// <summary>Secret: from the environment (Discord__BotToken) or user secrets. Needed by <c>discord register</c>
    /// and for posting to channels with the bot; interaction replies go through the interaction token instead.</summary>
    public string? BotToken { get; set; }

    /// <summary>Discord's REST API; tests point it at a fake. v10 is current (docs/protocols.md, "Discord REST").</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    /// <summary>How long /ask waits for the answer before deferring (type 5). Discord's hard limit for the first
    /// response is 3 s (docs/protocols.md, "Interactions"), so this leaves a margin for the network.</summary>
    [Range(0, 2500)]
    public int AnswerBudgetMilliseconds { get; set; } = 2000;

    /// <summary>The URL in the User-Agent Discord requires: "DiscordBot ($url, $versionNumber)".</summary>
    [Required]
    public string UserAgentUrl { get; set; } = "https://github.com/newsdesk/newsdesk";

    /// <summary>How long one REST request may take before it is abandoned, so a hung Discord call frees the worker;
    /// a timeout is not retried (a webhook edit or post may have landed), the apology is sent instead.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a question asked in a thread is remembered as a turn a later <c>/ask</c> there leans on, and
    /// kept at all. Discord archives a thread after at most a week without messages (docs/protocols.md, "Discord
    /// threads"); a question older than that belongs to a conversation that has ended, and every thread ever asked in
    /// would otherwise stay in the store for good.</summary>
    public TimeSpan ThreadTurnMaxAge { get; set; } = TimeSpan.FromDays(7);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(ApplicationId) && !string.IsNullOrWhiteSpace(PublicKey);

    public string Describe() => (string.IsNullOrWhiteSpace(ApplicationId), string.IsNullOrWhiteSpace(PublicKey)) switch
    {
        (false, false) => "POST /discord/interactions verifies every request with the application's public key",
        (true, true) => "Discord:ApplicationId and Discord:PublicKey are not set",
        (true, _) => "Discord:ApplicationId is not set",
        _ => "Discord:PublicKey is not set",
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PublicKey) && (PublicKey.Trim().Length != 64 || !PublicKey.Trim().All(Uri.IsHexDigit)))
            yield return new ValidationResult("Discord:PublicKey must be the application's public key: 64 hex characters.");
        if (!string.IsNullOrWhiteSpace(ApplicationId) && !ApplicationId.All(char.IsAsciiDigit))
            yield return new ValidationResult("Discord:ApplicationId must be the application's numeric id.");
        if (!ApiBaseUrl.IsAbsoluteUri)
            yield return new ValidationResult("Discord:ApiBaseUrl must be an absolute URL.");
        if (RequestTimeout < TimeSpan.FromSeconds(1) || RequestTimeout > TimeSpan.FromMinutes(5))
            yield return new ValidationResult("Discord:RequestTimeout must be between 1 second and 5 minutes.");
        if (ThreadTurnMaxAge < TimeSpan.FromMinutes(1) || ThreadTurnMaxAge > TimeSpan.FromDays(90))
            yield return new ValidationResult("Discord:ThreadTurnMaxAge must be between 1 minute and 90 days.");
    }
}
