using System.Collections.Concurrent;
using System.Diagnostics;

namespace Newsdesk.LoadRunner;

/// <summary>The parent's handle on the child server: starts it, reads its samples and log lines, stops it.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<ServerSample> samples = new();
    private readonly ConcurrentQueue<string> logLines = new();
    private int logLineCount;

    private ServerProcess(Process process) => this.process = process;

    public IReadOnlyList<ServerSample> Samples => [.. samples];

    public int LogLineCount => Volatile.Read(ref logLineCount);

    /// <summary>The first log lines the server wrote (warnings and errors at the level the runner sets).</summary>
    public IReadOnlyList<string> FirstLogLines => [.. logLines];

    public int Id => process.Id;

    /// <summary>The server process itself, for its CPU time.</summary>
    public Process Process => process;

    public static async Task<ServerProcess> StartAsync(int sampleMilliseconds, bool isLive, IEnumerable<string> serveArguments)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Run as "dotnet Bot.LoadRunner.dll" the path is dotnet itself, which needs the assembly first.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        foreach (var arg in (string[])[ChildServer.Flag, sampleMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture), isLive ? "live" : "cheap", .. serveArguments])
            info.ArgumentList.Add(arg);
        var server = new ServerProcess(Process.Start(info) ?? throw new InvalidOperationException("The server process did not start."));
        server.process.OutputDataReceived += (_, e) => server.Read(e.Data);
        server.process.ErrorDataReceived += (_, e) => server.Read(e.Data);
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        var exited = server.process.WaitForExitAsync();
        var first = await Task.WhenAny(server.listening.Task, exited, Task.Delay(TimeSpan.FromMinutes(3)));
        if (first != server.listening.Task)
            throw new InvalidOperationException("The server did not start listening:\n" + string.Join('\n', server.FirstLogLines));
        return server;
    }

    public Task<Uri> Address => listening.Task;

    private void Read(string? line)
    {
        if (line is null) return;
        if (ServerSample.TryParse(line) is { } sample) samples.Enqueue(sample);
        else if (line.StartsWith(ChildServer.Listening, StringComparison.Ordinal)) listening.TrySetResult(new Uri(line[ChildServer.Listening.Length..] + "/"));
        else if (Interlocked.Increment(ref logLineCount) <= 40) logLines.Enqueue(line);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await process.StandardInput.WriteLineAsync("STOP");
            process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(grace.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            process.Kill(entireProcessTree: true);
        }
        process.Dispose();
    }
}
