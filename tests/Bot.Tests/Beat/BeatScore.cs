namespace Newsdesk.Tests.Beat;

/// <summary>Precision and recall of beat verdicts (margin at or above the threshold) against hand labels; and
/// precision among what a digest would show (its headline threshold, set for precision):
/// the stories are dealt into days of <see cref="DayLength"/> (in a fixed shuffled order, since the label file groups
/// each section's music stories together) and each day's top
/// <see cref="DigestLength"/> stories at or above the headline threshold, by margin, are checked.</summary>
public sealed record BeatScore(int Stories, int Music, int TruePositives, int FalsePositives, int Chosen, int ChosenMusic)
{
    public const int DayLength = 40;
    public const int DigestLength = 8;

    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => Music == 0 ? 1 : (double)TruePositives / Music;
    public double ChosenPrecision => Chosen == 0 ? 1 : (double)ChosenMusic / Chosen;

    /// <summary>Scores verdicts where the margin alone decides both the beat and the lead.</summary>
    public static BeatScore Of(IReadOnlyList<(string Source, bool IsMusic, double Margin)> stories, double threshold, double headlineThreshold) =>
        Of(stories.Select(s => (s.Source, s.IsMusic, s.Margin, s.Margin)).ToList(), threshold, headlineThreshold);

    /// <summary>Scores verdicts where a story leads when on the beat (margin) and sure (lead score at the headline threshold).</summary>
    public static BeatScore Of(IReadOnlyList<(string Source, bool IsMusic, double Margin, double Lead)> stories, double threshold, double headlineThreshold)
    {
        var tp = stories.Count(s => s.IsMusic && s.Margin >= threshold);
        var fp = stories.Count(s => !s.IsMusic && s.Margin >= threshold);
        var chosen = stories.OrderBy(s => Shuffle(s.Source)).Chunk(DayLength)
            .SelectMany(day => day.Where(s => s.Margin >= threshold && s.Lead >= headlineThreshold).OrderByDescending(s => s.Lead).Take(DigestLength)).ToList();
        return new BeatScore(stories.Count, stories.Count(s => s.IsMusic), tp, fp, chosen.Count, chosen.Count(s => s.IsMusic));
    }

    // FNV-1a: stable across runs and platforms, unlike string.GetHashCode.
    private static uint Shuffle(string source)
    {
        var hash = 2166136261u;
        foreach (var c in source) hash = (hash ^ c) * 16777619u;
        return hash;
    }

    public override string ToString() => FormattableString.Invariant(
        $"{Stories} stories ({Music} music): precision {Precision:P1} ({TruePositives}/{TruePositives + FalsePositives}), recall {Recall:P1} ({TruePositives}/{Music}), digest-chosen precision {ChosenPrecision:P1} ({ChosenMusic}/{Chosen})");
}
