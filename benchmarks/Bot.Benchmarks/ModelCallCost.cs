using Newsdesk.Corpus;

namespace Newsdesk.Benchmarks;

/// <summary>A model call's time against the token positions it runs, on this machine now: calls of one row of about 8,
/// 16, 32 and 64 positions and of 8 rows of 16, the median of 25 calls each, fitted as a fixed cost plus a cost a
/// position. The fixed cost in positions is what cutting a batch into one call per length must save to pay
/// (the focus scorer's windows are cut into calls by length).</summary>
public static class ModelCallCost
{
    private const int Calls = 25;

    public static void Measure(PassageEmbedder embedder)
    {
        (int Rows, int Words)[] shapes = [(1, 6), (1, 14), (1, 30), (1, 62), (8, 14)];
        var meter = new PhaseMeter(embedder);
        var points = new List<(double Positions, double Milliseconds)>();
        foreach (var (rows, words) in shapes)
        {
            var texts = Enumerable.Repeat(string.Join(' ', Enumerable.Repeat("music", words)), rows).ToArray();
            var costs = new List<PhaseCost>();
            for (var i = 0; i < Calls; i++)
            {
                meter.Restart();
                embedder.EmbedBatch(texts, CancellationToken.None);
                costs.Add(meter.Lap());
            }
            points.Add((costs[0].ModelTokens, Percentiles.Of(costs.Select(c => c.Milliseconds).ToList(), 50)));
        }
        var (fixedMs, perPosition) = LatencyPhases.LeastSquares(points);
        Console.WriteLine($"model call cost (median of {Calls} calls each; load average {MachineLoad.LoadAverage()}): " +
            string.Join(", ", points.Select(p => $"{p.Positions:F0} positions {p.Milliseconds:F2} ms")));
        Console.WriteLine($"  ≈ {fixedMs:F2} ms a call + {perPosition * 1000:F1} µs a position: a call's fixed cost is about {fixedMs / perPosition:F1} positions");
    }
}
