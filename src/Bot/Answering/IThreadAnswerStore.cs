namespace Newsdesk.Answering;

/// <summary>The sentences each thread turn was answered with, shared by every process on the store
/// (<see cref="ThreadAnswerStore"/> for SQLite, <see cref="PostgresThreadAnswerStore"/> for PostgreSQL).</summary>
public interface IThreadAnswerStore
{
    /// <summary>The sentences <paramref name="turn"/> of <paramref name="thread"/> was answered with, or null when no
    /// process on the store answered it within <paramref name="maxAge"/>.</summary>
    Task<IReadOnlySet<string>?> RecallAsync(string thread, string turn, TimeSpan maxAge, CancellationToken cancellationToken);

    /// <summary>Keeps the turn's sentences (replacing an earlier answer to the same turn) and removes every entry older
    /// than <paramref name="maxAge"/>, in one commit.</summary>
    Task RememberAsync(string thread, string turn, IReadOnlyCollection<string> sentences, TimeSpan maxAge, CancellationToken cancellationToken);
}
