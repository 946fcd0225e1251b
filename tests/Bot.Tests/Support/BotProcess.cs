using System.Diagnostics;

namespace Newsdesk.Tests.Support;

/// <summary>The real program run as a process, the way a user (or a service manager) runs it: answers on standard
/// output, logs on standard error; killed, and reported as timed out, past its limit.</summary>
public static class BotProcess
{
    public sealed record Outcome(int ExitCode, string Output, string Errors, bool TimedOut);

    public static async Task<Outcome> RunAsync(string[] args, string workingDirectory, TimeSpan limit,
        string? input = null, IReadOnlyDictionary<string, string>? environment = null, string? program = null)
    {
        var start = new ProcessStartInfo(program ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        if (program is null)
        {
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.dll"));
        }
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new Outcome(-1, await output, await errors, TimedOut: true);
        }
        return new Outcome(process.ExitCode, await output, await errors, TimedOut: false);
    }

    /// <summary>Over the seed corpus and a store in <paramref name="folder"/>, run from that folder.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(TemporaryFolder folder, string database, string? input, params string[] args)
    {
        var outcome = await RunAsync([.. args, "--corpus", TestPaths.Seeds, $"--Storage:Database={folder.File(database)}"], folder.Path,
            TimeSpan.FromMinutes(2), input);
        return (outcome.ExitCode, outcome.Output, outcome.Errors);
    }
}
