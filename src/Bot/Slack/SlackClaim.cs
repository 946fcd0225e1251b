namespace Newsdesk.Slack;

/// <summary>The outcome of claiming an event: whether it was new, and, when its question could not be journalled
/// (the claim still stands and the question is answered without the journal), why.</summary>
public sealed record SlackClaim(bool IsClaimed, string? JournalError)
{
    public bool IsJournalled => IsClaimed && JournalError is null;
}
