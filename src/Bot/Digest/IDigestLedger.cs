namespace Newsdesk.Digest;

/// <summary>Which digests were claimed and posted, one row per destination and local date, on SQLite
/// (<see cref="DigestLedger"/>) or PostgreSQL (<c>PostgresDigestLedger</c>). A claim is one insert on that key,
/// so of several instances sharing the store exactly one wins it; a take-over is an update conditioned on the claim it
/// replaces.</summary>
public interface IDigestLedger
{
    /// <summary>True when this call created the claim; false when the slot already had one.</summary>
    Task<bool> TryClaimAsync(DigestSlot slot, CancellationToken cancellationToken);

    /// <summary>Takes over a claim whose lease ran out, only if nobody changed it since it was read.</summary>
    Task<bool> TryTakeOverAsync(DigestSlot stale, string owner, DateTimeOffset now, CancellationToken cancellationToken);

    Task FinishAsync(string destination, string slotDate, DigestSlotState state, string? messageId, CancellationToken cancellationToken);

    Task<DigestSlot?> GetAsync(string destination, string slotDate, CancellationToken cancellationToken);

    /// <summary>Every slot, oldest first (for tests and the operator).</summary>
    Task<IReadOnlyList<DigestSlot>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Where the previous digest of this destination stopped: the next one starts there.</summary>
    Task<DateTimeOffset?> PreviousWindowEndAsync(string destination, string beforeDate, CancellationToken cancellationToken);
}
