using Newsdesk.Chat.RateLimiting;

namespace Newsdesk.Chat.Intake;

/// <summary>What the <see cref="ChatIntake"/> did with a request: queued it, or refused it and why.</summary>
/// <param name="RateLimit">The refusing decision when a rate limit refused it.</param>
public sealed record ChatAcceptance(bool IsQueued, ChatRateDecision? RateLimit)
{
    public static ChatAcceptance Queued { get; } = new(true, null);

    public static ChatAcceptance Busy { get; } = new(false, null);

    /// <summary>How many jobs were waiting when this one was queued (after its journal commit: in a burst every
    /// request waits on the same commit with the inbox still empty, so asking before it would say "empty" to all).</summary>
    public int QueuedBehind { get; init; }

    /// <summary>What to tell the person who was refused.</summary>
    public string Refusal => RateLimit?.Message ?? ChatNotices.Busy;

    /// <summary>False for refusals after the first of a burst (per person, or per channel for the channel's limit),
    /// so an adapter whose notice costs a platform call says it once rather than once per message.</summary>
    public bool ShouldNotify => RateLimit?.IsFirstRefusal ?? true;
}
