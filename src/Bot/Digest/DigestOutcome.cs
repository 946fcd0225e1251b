namespace Newsdesk.Digest;

/// <summary>What one attempt at one destination's digest came to.</summary>
public enum DigestOutcome
{
    Posted,
    /// <summary>A quiet day with <see cref="DigestOptions.SkipWhenEmpty"/>: recorded as done, nothing posted.</summary>
    Skipped,
    /// <summary>Already posted (or skipped, or in doubt) for this date.</summary>
    AlreadyDone,
    /// <summary>Another instance holds a live claim; look again after the lease.</summary>
    Busy,
    /// <summary>A crashed post was found in the channel by its marker and recorded; nothing reposted.</summary>
    Recovered,
    /// <summary>A crashed post could not be checked; not reposted, logged as an error for a person to look at.</summary>
    InDoubt,
    /// <summary>The destination refused or failed; tried again after the lease.</summary>
    Failed,
    /// <summary>No poster for this kind of destination is configured (e.g. that platform's adapter is off).</summary>
    NoPoster,
}
