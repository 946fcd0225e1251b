using System.Diagnostics;
using System.Globalization;

namespace Newsdesk.LoadRunner;

/// <summary>Where the CPU went while requests were being sent and acknowledged: the runner's own process (the load
/// generator and the fake platforms) and the server's. On a shared 2-core machine this says whether a latency figure
/// is bounded by the server's work or by everything else on the cores. The monotonic window lets a system profile
/// (<c>perf record -k CLOCK_MONOTONIC</c>) be cut to the same interval.</summary>
public sealed class CpuWindow(Process server)
{
    private readonly long startedAt = Stopwatch.GetTimestamp();
    private readonly TimeSpan runnerAtStart = Own();
    private readonly TimeSpan serverAtStart = Of(server);

    public string Finish()
    {
        var endedAt = Stopwatch.GetTimestamp();
        var runner = Own() - runnerAtStart;
        var serverTime = Of(server) - serverAtStart;
        var wall = Stats.Milliseconds(startedAt, endedAt);
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU from the first send to the last acknowledgement ({wall:F0} ms wall, {Environment.ProcessorCount} cores = {wall * Environment.ProcessorCount:F0} ms): " +
            $"load generator and fakes {runner.TotalMilliseconds:F0} ms, server {serverTime.TotalMilliseconds:F0} ms; " +
            $"monotonic window {Seconds(startedAt)}–{Seconds(endedAt)} s");
    }

    private static string Seconds(long timestamp) => (timestamp / (double)Stopwatch.Frequency).ToString("F3", CultureInfo.InvariantCulture);

    private static TimeSpan Own()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static TimeSpan Of(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }
}
