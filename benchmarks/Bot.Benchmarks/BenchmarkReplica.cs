using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Newsdesk.Benchmarks;

/// <summary>The real program's <c>serve</c> as a child process on a free loopback port, pointed at
/// <see cref="BenchmarkSlack"/>; ready once <c>/readyz</c> answers 200 (the corpus is loaded). Stopped with SIGTERM.</summary>
public sealed class BenchmarkReplica : IAsyncDisposable
{
    private readonly Process process;

    private BenchmarkReplica(Process process, Uri address)
    {
        this.process = process;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
    }

    public HttpClient Http { get; }

    public static async Task<BenchmarkReplica> StartAsync(BenchmarkSlack slack, IEnumerable<string> settings, IReadOnlyDictionary<string, string> environment)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["exec", Path.Combine(AppContext.BaseDirectory, "Bot.dll"), "serve", "--urls", $"http://127.0.0.1:{port}",
            $"--Slack:ApiBaseUrl={slack.ApiBaseUrl}", .. settings])
            start.ArgumentList.Add(argument);
        start.Environment["Slack__BotToken"] = BenchmarkSlack.BotToken;
        start.Environment["Slack__SigningSecret"] = BenchmarkSlack.SigningSecret;
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[serve {port}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var replica = new BenchmarkReplica(process, new Uri($"http://127.0.0.1:{port}/"));
        var deadline = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(deadline) < TimeSpan.FromMinutes(5))
        {
            if (process.HasExited) throw new InvalidOperationException($"serve exited {process.ExitCode} before it was ready");
            try
            {
                using var ready = await replica.Http.GetAsync("readyz");
                if (ready.IsSuccessStatusCode) return replica;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        await replica.DisposeAsync();
        throw new TimeoutException("serve was not ready within 5 minutes");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited)
        {
            // SIGTERM: the replica drains and releases its leases, as in a deploy.
            using (Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) { }
            try { await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1)); }
            catch (TimeoutException) { process.Kill(entireProcessTree: true); }
        }
        process.Dispose();
    }
}
