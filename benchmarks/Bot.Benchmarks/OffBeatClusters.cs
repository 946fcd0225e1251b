namespace Newsdesk.Benchmarks;

/// <summary>Groups the off-beat stories' unit mean vectors into clusters by spherical k-means (each story to the
/// centroid it projects on most; each centroid the unit mean of its stories), so that a small topic near the beat (stage
/// musicals, radio, music television) can have a centroid of its own instead of being averaged into its section's.
/// Deterministic: the first centres are chosen by k-means++ with one generator seeded 13, over the stories in the order
/// given, so a refit on the same labels reproduces the same centroids.</summary>
public static class OffBeatClusters
{
    private const int Iterations = 30;
    private const int Seed = 13;

    public static float[][] Centroids(IReadOnlyList<float[]> stories, int clusters)
    {
        var random = new Random(Seed);
        var centres = new List<float[]> { stories[random.Next(stories.Count)] };
        var nearest = stories.Select(s => Distance(s, centres[0])).ToArray();
        while (centres.Count < Math.Min(clusters, stories.Count))
        {
            // k-means++: the next centre is drawn with probability in proportion to its distance from the nearest centre.
            var pick = random.NextDouble() * nearest.Sum();
            var index = 0;
            for (; index < stories.Count - 1 && (pick -= nearest[index]) > 0; index++) { }
            centres.Add(stories[index]);
            for (var i = 0; i < stories.Count; i++) nearest[i] = Math.Min(nearest[i], Distance(stories[i], centres[^1]));
        }
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var assigned = stories.Select(s => Nearest(s, centres)).ToArray();
            var moved = Enumerable.Range(0, centres.Count)
                .Select(c => stories.Where((_, i) => assigned[i] == c).ToList())
                .Select((members, c) => members.Count == 0 ? centres[c] : Unit(members))
                .ToList();
            if (moved.Zip(centres).All(p => p.First.AsSpan().SequenceEqual(p.Second))) break;
            centres = moved;
        }
        return [.. centres];
    }

    private static int Nearest(float[] story, List<float[]> centres)
    {
        var (best, bestProjection) = (0, double.NegativeInfinity);
        for (var c = 0; c < centres.Count; c++)
            if (BeatDesignSearch.Dot(story, centres[c]) is var projection && projection > bestProjection) (best, bestProjection) = (c, projection);
        return best;
    }

    // For unit vectors, 1 - cosine is half the squared Euclidean distance, the quantity k-means++ weighs by.
    private static double Distance(float[] a, float[] b) => Math.Max(0, 1 - BeatDesignSearch.Dot(a, b));

    private static float[] Unit(List<float[]> members)
    {
        var sum = new double[members[0].Length];
        foreach (var member in members)
            for (var i = 0; i < sum.Length; i++) sum[i] += member[i];
        var norm = Math.Sqrt(sum.Sum(v => v * v));
        return sum.Select(v => (float)(v / norm)).ToArray();
    }
}
