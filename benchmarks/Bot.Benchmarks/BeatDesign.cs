namespace Newsdesk.Benchmarks;

/// <summary>One way to fit the beat classifier: how many opening sentences make the lede (0: none), the ridge of the
/// story model and of the headline check (0: no check), how much the check counts in the lead score, and the held-out
/// precision the headline threshold must reach; and which readings the second stage stacks on the margin
/// (<see cref="BeatStacking"/>; none: the margin as fitted), with the off-beat stories grouped by section (0) or into
/// <paramref name="OffBeatClusters"/> clusters when it reads the centroid gap.</summary>
public sealed record BeatDesign(int LedeSentences, double Ridge, double CheckRidge, double CheckShare, double HeadlinePrecisionFloor, int Stack = BeatStacking.None,
    int OffBeatClusters = 0)
{
    public bool HasHeadlineCheck => CheckRidge > 0;

    public override string ToString() => FormattableString.Invariant($"lede {LedeSentences}, ridge {Ridge}, ") +
        (HasHeadlineCheck ? FormattableString.Invariant($"check ridge {CheckRidge}, check share {CheckShare}, ") : "no headline check, ") +
        FormattableString.Invariant($"headline precision >= {HeadlinePrecisionFloor:P0}") +
        (Stack == BeatStacking.None ? "" : $", stacked on {BeatStacking.Describe(Stack, OffBeatClusters)}");

    public string Description => (LedeSentences == 0 ? "the mean sentence vector" : $"the mean sentence vector + lede (first {LedeSentences} sentences) mean vector") +
        (Stack == BeatStacking.None ? "" : $", refitted beside the {BeatStacking.Describe(Stack, OffBeatClusters)}") +
        (HasHeadlineCheck ? FormattableString.Invariant($", leads checked on the embedded headline and lede (check share {CheckShare})") : "");
}
