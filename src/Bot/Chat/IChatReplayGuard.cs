namespace Newsdesk.Chat;

/// <summary>Platform request ids already acted on, shared by every process on the store (see
/// <see cref="ChatReplayGuard"/> for SQLite, <see cref="PostgresChatReplayGuard"/> for PostgreSQL).</summary>
public interface IChatReplayGuard
{
    /// <summary>True the first time <paramref name="key"/> is seen within <paramref name="retention"/>; false for a replay.</summary>
    Task<bool> TryClaimAsync(string key, TimeSpan retention, CancellationToken cancellationToken);
}
