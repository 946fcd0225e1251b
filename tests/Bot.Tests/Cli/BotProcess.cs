using System.Diagnostics;

namespace Newsdesk.Tests.Cli;

/// <summary>The real program (the test build's Bot.dll) started as a process, as a person or a service manager runs
/// it. A run that outlives its limit is killed and reported as timed out, never left behind.</summary>
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
}
