using System.ComponentModel.DataAnnotations;
namespace Newsdesk.Slack;

/// <summary>How the bot reaches Slack. Secrets (the signing secret and both tokens) come only from environment
/// variables (<c>Slack__SigningSecret</c>, …) or user secrets, never from appsettings.json.</summary>
public sealed class SlackOptions : IValidatableObject
{
    public const string Section = "Slack";

    /// <summary>Verifies that HTTP requests (events, slash commands) come from Slack. Required for the HTTP endpoints.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (<c>xoxb-…</c>) used for the Web API (chat.postMessage, auth.test).</summary>
    public string? BotToken { get; set; }

    /// <summary>Optional app-level token (<c>xapp-…</c>, scope connections:write): when set, events arrive over Socket Mode.</summary>
    public string? AppToken { get; set; }

    /// <summary>The Web API base; tests point it at a fake Slack.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>How long handled event ids are remembered. Slack's last retry comes about 5 minutes after the first
    /// delivery (docs/protocols.md, "Events API"), so anything well past that is safe; a day also covers delayed events' first hours.</summary>
    public TimeSpan HandledEventRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Attempts per Web API call before giving up on 429s and transient failures.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long one Web API or response_url request may take before it is abandoned. A hung Slack call must
    /// not hold a worker for HttpClient's default 100 s. An answer whose post timed out is retried once the thread
    /// has been searched for it (the answer carries its key as metadata); other calls are not retried on a timeout.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a crash, how old an unanswered question may be and still be answered at the next start. A
    /// thread never closes, so this is a judgement: an answer an hour late still reads as a reply; one from last week
    /// would not. Validated between 1 minute and 7 days.</summary>
    public TimeSpan RecoveryWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A user group id (<c>S0…</c>) whose members may manage feeds and digest channels besides the workspace's
    /// admins and owners (checked with usergroups.users.list, scope usergroups:read).</summary>
    public string? AdminUserGroup { get; set; }

    /// <summary>How long a recovered answer (taken over from a process that stopped) waits before it looks for its
    /// own earlier post and, not finding it, posts. Slack may store a post seconds after it was sent (a lag of 6 s was
    /// observed), so a look-up at once can miss a post the stopped process made just before it died, and the thread
    /// would get the answer twice. Longer than the lag seen; validated between 0 and 5 minutes.</summary>
    public TimeSpan RecoverySettleDelay { get; set; } = TimeSpan.FromSeconds(10);

    public bool HasBotToken => !string.IsNullOrWhiteSpace(BotToken);

    public bool IsHttpEnabled => HasBotToken && !string.IsNullOrWhiteSpace(SigningSecret);

    public bool IsSocketModeEnabled => HasBotToken && !string.IsNullOrWhiteSpace(AppToken);

    public bool IsEnabled => IsHttpEnabled || IsSocketModeEnabled;

    /// <summary>Missing settings only turn the adapter off; settings that are present but wrong (a user token where a
    /// bot token belongs) stop the host at start, since they would fail on the first message.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ApiBaseUrl.IsAbsoluteUri || ApiBaseUrl.Scheme is not ("https" or "http"))
            yield return new ValidationResult("Slack:ApiBaseUrl must be an absolute http(s) URL.");
        if (HasBotToken && !BotToken!.StartsWith("xoxb-", StringComparison.Ordinal))
            yield return new ValidationResult("Slack:BotToken must be a bot token (xoxb-…).");
        if (!string.IsNullOrWhiteSpace(AppToken) && !AppToken.StartsWith("xapp-", StringComparison.Ordinal))
            yield return new ValidationResult("Slack:AppToken must be an app-level token (xapp-…).");
        if (HandledEventRetention < TimeSpan.FromMinutes(10))
            yield return new ValidationResult("Slack:HandledEventRetention must outlast Slack's retries (at least 10 minutes).");
        if (RecoverySettleDelay < TimeSpan.Zero || RecoverySettleDelay > TimeSpan.FromMinutes(5))
            yield return new ValidationResult("Slack:RecoverySettleDelay must be between 0 and 5 minutes.");
        if (MaxAttempts is < 1 or > 20)
            yield return new ValidationResult("Slack:MaxAttempts must be between 1 and 20.");
        if (RequestTimeout < TimeSpan.FromSeconds(1) || RequestTimeout > TimeSpan.FromMinutes(5))
            yield return new ValidationResult("Slack:RequestTimeout must be between 1 second and 5 minutes.");
        if (RecoveryWindow < TimeSpan.FromMinutes(1) || RecoveryWindow > TimeSpan.FromDays(7))
            yield return new ValidationResult("Slack:RecoveryWindow must be between 1 minute and 7 days.");
    }
}
