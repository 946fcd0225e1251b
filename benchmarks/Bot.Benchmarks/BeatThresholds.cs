namespace Newsdesk.Benchmarks;

/// <summary>The beat classifier's two thresholds, chosen on held-out scores: the beat threshold for recall, the headline
/// threshold for precision among the stories on the beat.</summary>
public static class BeatThresholds
{
    /// <summary>The highest threshold that keeps <paramref name="recallFloor"/> of the music stories: as precise as
    /// the recall goal allows.</summary>
    public static double ForRecall(IReadOnlyList<(string Source, bool IsMusic, double Margin, double Lead)> scored, double recallFloor)
    {
        var music = scored.Where(s => s.IsMusic).Select(s => s.Margin).OrderDescending().ToList();
        var keep = Math.Max(1, (int)Math.Ceiling(recallFloor * music.Count));
        var lowestKept = music[keep - 1];
        var nextBelow = scored.Select(s => s.Margin).Where(m => m < lowestKept).DefaultIfEmpty(lowestKept - 1).Max();
        return (lowestKept + nextBelow) / 2;
    }

    /// <summary>The lowest lead score at which the precision of the stories on the beat (margin at or above
    /// <paramref name="threshold"/>) with that lead score or more reaches <paramref name="precisionFloor"/>.</summary>
    public static double ForPrecision(IReadOnlyList<(string Source, bool IsMusic, double Margin, double Lead)> scored, double threshold, double precisionFloor)
    {
        var onBeat = scored.Where(s => s.Margin >= threshold).OrderByDescending(s => s.Lead).ToList();
        // Walk down from the surest story, keeping the lowest lead score whose stories above still meet the floor.
        var (best, music) = (double.PositiveInfinity, 0);
        for (var i = 0; i < onBeat.Count; i++)
        {
            if (onBeat[i].IsMusic) music++;
            if ((double)music / (i + 1) >= precisionFloor && (i + 1 == onBeat.Count || onBeat[i + 1].Lead < onBeat[i].Lead)) best = onBeat[i].Lead;
        }
        return double.IsPositiveInfinity(best) ? (onBeat.Count == 0 ? threshold : onBeat[0].Lead + 1) : best;
    }
}
