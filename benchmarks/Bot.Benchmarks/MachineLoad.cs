using System.Diagnostics;

namespace Newsdesk.Benchmarks;

/// <summary>What else the machine is doing, printed beside every timed figure: on a shared machine an absolute time
/// means little without it, a ratio measured in the same run much more.</summary>
public static class MachineLoad
{
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The resident set's high-water mark of this process (VmHWM on Linux).</summary>
    public static double PeakResidentMiB()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    public static double ResidentMiB()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64 / (1024.0 * 1024.0);
    }
}
