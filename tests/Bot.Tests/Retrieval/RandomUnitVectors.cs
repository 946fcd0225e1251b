namespace Newsdesk.Tests.Retrieval;

/// <summary>Random unit vectors for the dense-search tests: free directions, or points scattered around a centre, so
/// that many near-ties fall inside one cluster, as with several articles on one story.</summary>
public static class RandomUnitVectors
{
    /// <summary>A unit vector: any direction when <paramref name="centre"/> is null, else the centre plus Gaussian noise
    /// of about <paramref name="noise"/> in length.</summary>
    public static float[] Next(Random random, int dimensions, float[]? centre, double noise)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
            vector[i] = (float)((centre?[i] ?? 0) + (centre is null ? 1 : noise / Math.Sqrt(dimensions)) * Gaussian(random));
        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        return vector.Select(x => x / norm).ToArray();
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
