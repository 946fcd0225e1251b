namespace Newsdesk.Slack.Events;

/// <summary>Slack's claims (events and messages already taken) and thread turns, as every provider offers them (see
/// <see cref="SlackStore"/> for SQLite, <c>PostgresSlackStore</c> for PostgreSQL).</summary>
public interface ISlackStore
{
    /// <summary>Claims every key at once; true only when none was taken before, by this process or another.</summary>
    Task<bool> TryClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Stores an accepted question's thread turn and its chat journal entry in one commit; true when the
    /// journal entry was written.</summary>
    Task<bool> AcceptAsync(SlackAcceptedQuestion accepted, CancellationToken cancellationToken);

    /// <summary>Undoes <see cref="AcceptAsync"/> for a question the inbox turned away; the claim stays.</summary>
    Task ForgetAsync(SlackAcceptedQuestion accepted, CancellationToken cancellationToken);

    /// <summary>The questions asked earlier in a conversation, oldest first.</summary>
    Task<IReadOnlyList<string>> LoadTurnsAsync(string channel, string threadTs, int limit, CancellationToken cancellationToken);
}
