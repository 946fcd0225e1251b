using System.Diagnostics;
using System.Globalization;

namespace Newsdesk.LoadRunner;

/// <summary>Latency percentiles in milliseconds, nearest rank.</summary>
public static class Stats
{
    public static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static string Summary(IReadOnlyList<double> values) => values.Count == 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture,
        $"p50 {Percentile(values, 50):F1} ms, p95 {Percentile(values, 95):F1} ms, p99 {Percentile(values, 99):F1} ms, max {values.Max():F1} ms (n={values.Count})");

    public static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MB");
}
