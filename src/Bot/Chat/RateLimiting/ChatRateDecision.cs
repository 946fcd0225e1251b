using System.Globalization;

namespace Newsdesk.Chat.RateLimiting;

/// <summary>Whether a question may be queued now; when not, how long until it may and which limit refused it.</summary>
/// <param name="IsFirstRefusal">True for the first refusal since the last allowed question of the one refused: the
/// sender for their own limit, the channel for the channel's. An adapter whose refusal costs a platform call (a Slack
/// thread message) says it then, once per burst rather than once per message or per person.</param>
public sealed record ChatRateDecision(bool IsAllowed, TimeSpan RetryAfter, ChatRateScope Scope, bool IsFirstRefusal)
{
    public static ChatRateDecision Allowed { get; } = new(true, TimeSpan.Zero, ChatRateScope.None, false);

    /// <summary>The friendly refusal, with when to try again (rounded up, so trying then succeeds).</summary>
    public string Message => Scope switch
    {
        ChatRateScope.Channel => $"This channel has asked me a lot of questions in a short time. Please try again in {Wait}.",
        _ => $"You've asked me a lot of questions in a short time. Please try again in {Wait}.",
    };

    private string Wait
    {
        get
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
            if (seconds < 90) return seconds == 1 ? "1 second" : $"{seconds.ToString(CultureInfo.InvariantCulture)} seconds";
            var minutes = (int)Math.Ceiling(seconds / 60.0);
            return $"{minutes.ToString(CultureInfo.InvariantCulture)} minutes";
        }
    }
}
