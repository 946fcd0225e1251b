namespace Newsdesk.Discord.Threads;

/// <summary>The questions asked with <c>/ask</c> in each Discord thread, as every provider offers them (see
/// <see cref="DiscordThreadTurnStore"/> for SQLite, <c>PostgresDiscordThreadTurnStore</c> for PostgreSQL).</summary>
public interface IDiscordThreadTurnStore
{
    /// <summary>The last <paramref name="limit"/> questions asked in the thread within <paramref name="maxAge"/> of
    /// now, oldest first.</summary>
    Task<IReadOnlyList<string>> LoadTurnsAsync(string threadId, int limit, TimeSpan maxAge, CancellationToken cancellationToken);

    /// <summary>Remembers a question asked in the thread and forgets all but its latest <paramref name="keep"/> turns
    /// (an older turn is never handed to a follow-up, so keeping it would only grow the store); the interaction's id (a
    /// snowflake, which grows with time) orders the turns, and a second write of the same interaction changes nothing.
    /// Turns of any thread older than <paramref name="maxAge"/> are forgotten too: a thread that has ended is never
    /// written again, so its own writes could not forget it.</summary>
    Task AddTurnAsync(string threadId, long interactionId, string question, int keep, TimeSpan maxAge, CancellationToken cancellationToken);
}
