namespace Newsdesk.Digest;

/// <summary>Claimed: composing, nothing sent. Sending: the post is under way, so its outcome may be unknown after a crash.
/// Posted and Skipped (a quiet day with SkipWhenEmpty) are done; InDoubt: sent, outcome unknown, and the destination
/// cannot be searched, so it is not reposted blindly (and said so in the log).</summary>
public enum DigestSlotState { Claimed, Sending, Posted, Skipped, InDoubt }

/// <summary>One ledger row: the digest of one local date for one destination.</summary>
/// <param name="WindowStart">Stories that arrived after this and up to <paramref name="WindowEnd"/> are in it.</param>
/// <param name="Marker">A stable reference printed in the posted message, to find it again after a crash.</param>
public sealed record DigestSlot(
    string Destination,
    string SlotDate,
    DateTimeOffset ScheduledAt,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    string Marker,
    string ClaimedBy,
    DateTimeOffset ClaimedAt,
    DigestSlotState State,
    string? MessageId);
