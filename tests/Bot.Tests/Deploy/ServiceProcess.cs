using System.Diagnostics;
using System.Text;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Deploy;

/// <summary>The published program running as a service would, stopped (and its logs kept for the failure message)
/// when the test is done.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private ServiceProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Log
    {
        get { lock (log) return log.ToString(); }
    }

    public static Task<ServiceProcess> StartAsync(ServiceLaunch launch)
    {
        var start = new ProcessStartInfo(launch.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = launch.WorkingDirectory,
        };
        foreach (var arg in launch.Arguments) start.ArgumentList.Add(arg);
        foreach (var (name, value) in launch.Environment) start.Environment[name] = value;
        return Task.FromResult(new ServiceProcess(Process.Start(start)!));
    }

    /// <summary>The port the service bound (<see cref="ListeningPort"/>): launched on port 0, it binds one the kernel picks.</summary>
    public async Task<int> ListeningPortAsync()
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (ListeningPort.In(Log) is { } port) return port;
            if (process.HasExited) throw new InvalidOperationException($"The service exited with {process.ExitCode}:\n{Log}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"The service did not say where it listens within 90 s:\n{Log}");
    }

    /// <summary>Polls until the address answers 200 with the expected text: a bounded series of short awaits while the
    /// process starts and loads, failing at once if it exits; an attempt that times out is tried again.</summary>
    public async Task WaitForAsync(Uri address, string expected)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited) throw new InvalidOperationException($"The service exited with {process.ExitCode}:\n{Log}");
            try
            {
                using var response = await http.GetAsync(address);
                var body = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode && body.StartsWith(expected, StringComparison.Ordinal)) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slower than one attempt's timeout, as on a loaded machine while the store loads:
                // ask again within the overall bound rather than fail on the first slow answer.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{address} did not answer '{expected}' within 90 s:\n{Log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
