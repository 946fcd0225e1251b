using Microsoft.Extensions.Options;

namespace Newsdesk.Slack;

/// <summary>Checks the settings at start. Missing settings only turn the adapter off; settings that are present but
/// wrong (a user token where a bot token belongs) stop the host, since they would fail on the first message.</summary>
public sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var failures = new List<string>();
        if (!options.ApiBaseUrl.IsAbsoluteUri || options.ApiBaseUrl.Scheme is not ("https" or "http"))
            failures.Add("Slack:ApiBaseUrl must be an absolute http(s) URL.");
        if (options.HasBotToken && !options.BotToken!.StartsWith("xoxb-", StringComparison.Ordinal))
            failures.Add("Slack:BotToken must be a bot token (xoxb-…).");
        if (!string.IsNullOrWhiteSpace(options.AppToken) && !options.AppToken.StartsWith("xapp-", StringComparison.Ordinal))
            failures.Add("Slack:AppToken must be an app-level token (xapp-…).");
        if (options.HandledEventRetention < TimeSpan.FromMinutes(10))
            failures.Add("Slack:HandledEventRetention must outlast Slack's retries (at least 10 minutes).");
        if (options.MaxAttempts is < 1 or > 20)
            failures.Add("Slack:MaxAttempts must be between 1 and 20.");
        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(5))
            failures.Add("Slack:RequestTimeout must be between 1 second and 5 minutes.");
        if (options.RecoveryWindow < TimeSpan.FromMinutes(1) || options.RecoveryWindow > TimeSpan.FromDays(7))
            failures.Add("Slack:RecoveryWindow must be between 1 minute and 7 days.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
