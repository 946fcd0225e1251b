namespace Newsdesk.Slack.Events;

/// <summary>The outcome of claiming an event: whether it was new, and whether its question is in the chat journal
/// (when it could not be journalled the claim still stands and the question is answered without the journal; the
/// journal itself reports why).</summary>
public sealed record SlackClaim(bool IsClaimed, bool IsJournalled);
