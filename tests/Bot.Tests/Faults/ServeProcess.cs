using System.Diagnostics;
using System.Text;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Faults;

/// <summary>The real program's <c>serve</c> as a child process against a fake Slack or a fake Discord, on a loopback port it
/// picks itself; secrets travel in the environment, as in production. Killing it is a real SIGKILL.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> logWaiters = [];

    private ServeProcess(Process process) => this.process = process;

    /// <summary>Where this process listens: read from its own start-up line, so it is never another process's port.</summary>
    public Uri Address { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>What the process wrote (standard output and error), for a failure message.</summary>
    public string Log { get { lock (log) return log.ToString(); } }

    public static Task<ServeProcess> StartAsync(FakeSlack slack, string database, params string[] settings) =>
        StartAsync(database, [$"--Slack:ApiBaseUrl={slack.ApiBaseUrl}", .. settings], new()
        {
            ["Slack__BotToken"] = FakeSlack.BotToken,
            ["Slack__SigningSecret"] = FakeSlack.SigningSecret,
        });

    /// <summary>The same against a fake Discord; <paramref name="settings"/> are extra command-line settings.</summary>
    public static Task<ServeProcess> StartAsync(FakeDiscord discord, string database, params string[] settings) =>
        StartAsync(database, [$"--Discord:ApiBaseUrl={discord.ApiBaseUrl}", $"--Discord:ApplicationId={FakeDiscord.ApplicationId}",
            $"--Discord:PublicKey={FakeDiscord.PublicKeyHex}", .. settings], new());

    /// <summary>The settings the fault tests share: the seed corpus, one worker (answers in arrival order), no rate
    /// limits (a test asks many questions as one user), a 2 s journal lease (a killed process's questions are taken
    /// over soon after) and a 1 s settle delay (the fake Slack lists a post at once unless told otherwise). Later
    /// settings win, so a test may set these again.</summary>
    private static Task<ServeProcess> StartAsync(string database, string[] settings, Dictionary<string, string> environment) =>
        StartAsync(["--corpus", TestPaths.Seeds, $"--Storage:Database={database}", "--Chat:Workers=1", "--Chat:RateLimits:IsEnabled=false",
            "--Chat:JournalLease=00:00:02", "--Slack:RecoverySettleDelay=00:00:01", .. settings], environment);

    /// <summary>The program's process id (through unshare and sh, which exec it).</summary>
    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary><c>serve</c> with <paramref name="arguments"/> (besides <c>--urls</c>) and <paramref name="environment"/>;
    /// with <paramref name="smallDisk"/>, in its own mount namespace where that folder is a fresh tmpfs (see
    /// <see cref="SmallDisk"/>).</summary>
    public static async Task<ServeProcess> StartAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string? smallDisk = null)
    {
        // Port 0: the program binds a port the kernel picks and reports it. A port picked here and released for the
        // program to bind could be taken in between by any other listener of the test run (each test starts several);
        // the program then failed to bind and exited, while /readyz on that port was answered by whoever took it.
        string[] args = ["exec", Path.Combine(AppContext.BaseDirectory, "Bot.dll"), "serve", "--urls", "http://127.0.0.1:0", .. arguments];
        ProcessStartInfo start;
        if (smallDisk is null)
        {
            start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in args) start.ArgumentList.Add(arg);
        }
        else
        {
            start = SmallDisk.Wrap(smallDisk, "dotnet", args);
        }
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var serve = new ServeProcess(Process.Start(start)!);
        var listening = serve.WaitForLogLineAsync(l => ListeningPort.In(l) is not null, TimeSpan.FromMinutes(2));
        serve.process.OutputDataReceived += (_, e) => serve.Append(e.Data);
        serve.process.ErrorDataReceived += (_, e) => serve.Append(e.Data);
        serve.process.BeginOutputReadLine();
        serve.process.BeginErrorReadLine();
        try
        {
            serve.Address = new Uri($"http://127.0.0.1:{ListeningPort.In(await serve.UnlessExitedAsync(listening))}/");
            serve.Http = new HttpClient { BaseAddress = serve.Address };
            await serve.WaitUntilReadyAsync();
            return serve;
        }
        catch
        {
            // A start that failed leaves no process behind for the rest of the run.
            if (!serve.process.HasExited) await serve.KillAsync();
            serve.Http?.Dispose();
            serve.process.Dispose();
            throw;
        }
    }

    /// <summary>What <paramref name="waiting"/> gives, or the program's log as the error when it exits first (a failed
    /// start says why there, instead of a wait that runs out).</summary>
    private async Task<string> UnlessExitedAsync(Task<string> waiting)
    {
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(waiting, exited) == waiting) return await waiting;
        throw new InvalidOperationException($"serve exited (code {process.ExitCode}) before it listened:\n{Log}");
    }

    /// <summary>Waits, by a bounded poll of what the process wrote, until <paramref name="text"/> appears
    /// <paramref name="count"/> times: a child process has no other way to say it got somewhere.</summary>
    public async Task WaitForLogAsync(string text, TimeSpan timeout, int count = 1)
    {
        var until = DateTime.UtcNow + timeout;
        while (Occurrences(text) < count)
        {
            if (DateTime.UtcNow > until || process.HasExited) throw new TimeoutException($"\"{text}\" did not appear {count} time(s):\n{Log}");
            await Task.Delay(100);
        }
    }

    public int Occurrences(string text)
    {
        var log = Log;
        var count = 0;
        for (var at = log.IndexOf(text, StringComparison.Ordinal); at >= 0; at = log.IndexOf(text, at + text.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    /// <summary>SIGKILL for the whole tree: no drain, no shutdown hooks, whatever was in flight is cut.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGTERM, as a deploy stops a process: it drains, then exits; waits for the exit.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        await process.WaitForExitAsync().WaitAsync(timeout);
    }

    /// <summary>Readiness only: a bounded poll of /readyz while the corpus loads.</summary>
    private async Task WaitUntilReadyAsync()
    {
        for (var attempt = 0; attempt < 1200 && !process.HasExited; attempt++)
        {
            try
            {
                using var response = await Http.GetAsync("readyz");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"serve did not become ready:\n{Log}");
    }

    /// <summary>The first output line that matches, waiting for it to be written (the console logger writes
    /// asynchronously, so a line can come a moment after what it reports).</summary>
    public Task<string> WaitForLogLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (log)
        {
            if (log.ToString().Split('\n').FirstOrDefault(match) is { } line) return Task.FromResult(line);
            logWaiters.Add((match, seen));
        }
        return seen.Task.WaitAsync(timeout);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        List<TaskCompletionSource<string>> ready;
        lock (log)
        {
            log.AppendLine(line);
            var matched = logWaiters.Where(w => w.Match(line)).ToList();
            foreach (var w in matched) logWaiters.Remove(w);
            ready = [.. matched.Select(w => w.Seen)];
        }
        foreach (var seen in ready) seen.TrySetResult(line);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited) await KillAsync();
        process.Dispose();
    }
}
