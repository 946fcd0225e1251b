using System.Diagnostics;

namespace Newsdesk.Tests.Support;

/// <summary>A tool the tests run to its end (a publish): its output and errors together, and on <c>stop</c> the tool
/// and every process it started killed before the wait ends. Left running, a publish past its limit kept two cores busy
/// for the rest of a run while the tests that needed it had already failed.</summary>
public static class ChildProcess
{
    public static async Task<(int ExitCode, string Log)> RunToEndAsync(ProcessStartInfo start, CancellationToken stop)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(stop);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} was stopped before it ended and killed:\n{await output}{await errors}");
        }
        return (process.ExitCode, await output + await errors);
    }
}
