namespace Newsdesk.Chat;

/// <summary>The crash journal as every provider offers it: accepted questions not yet answered, each held under a
/// lease by the process answering it (see <see cref="ChatJournal"/> for SQLite, <see cref="PostgresChatJournal"/> for
/// PostgreSQL).</summary>
public interface IChatJournal
{
    /// <summary>Adds the entry under this process's lease; false (and logged) when it could not be written.</summary>
    Task<bool> TryAddAsync(ChatJournalEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes an answered entry; a failure is logged, never thrown.</summary>
    Task RemoveAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every entry, whoever holds it.</summary>
    Task<IReadOnlyList<ChatJournalEntry>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Takes over every entry whose lease has expired; of two processes racing, each entry goes to one.</summary>
    Task<IReadOnlyList<ChatJournalEntry>> TakeOverExpiredAsync(CancellationToken cancellationToken);

    /// <summary>Extends the lease of every entry this process holds.</summary>
    Task RenewAsync(CancellationToken cancellationToken);

    /// <summary>Renews one lease; false when another process has taken the entry over (or it is gone).</summary>
    Task<bool> HoldsAsync(string key, CancellationToken cancellationToken);

    /// <summary>Lets go of one entry, or of all this process holds (null), for another process to take at once.</summary>
    Task ReleaseAsync(string? key, CancellationToken cancellationToken);
}
