using System.Diagnostics.Metrics;

namespace Newsdesk.Digest;

/// <summary>The "Newsdesk.Digest" meter: one count per publishing attempt per destination, by outcome, so a failed,
/// in-doubt or missed digest shows on a dashboard and not only in the log.</summary>
public sealed class DigestMetrics
{
    public const string MeterName = "Newsdesk.Digest";

    private readonly Counter<long> outcomes;

    public DigestMetrics(IMeterFactory meters) =>
        outcomes = meters.Create(MeterName).CreateCounter<long>("newsdesk.digest.outcomes",
            description: "Digest publishing attempts by outcome (posted, skipped, already_done, busy, recovered, in_doubt, failed, no_poster, error)");

    public void Record(DigestOutcome outcome, string destinationKind) => Record(Name(outcome), destinationKind);

    public void Record(string outcome, string destinationKind) =>
        outcomes.Add(1, new("outcome", outcome), new("destination", destinationKind));

    private static string Name(DigestOutcome outcome) => outcome switch
    {
        DigestOutcome.AlreadyDone => "already_done",
        DigestOutcome.InDoubt => "in_doubt",
        DigestOutcome.NoPoster => "no_poster",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
