using System.Diagnostics;

namespace Newsdesk.Tests.Support;

/// <summary>The real program run as a process, the way a user runs it, over the seed corpus and a store in
/// <paramref name="folder"/>: answers on standard output, logs on standard error.</summary>
public static class BotProcess
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(TemporaryFolder folder, string database, string? input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder.Path,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var arg in new[] { "--corpus", TestPaths.Seeds, $"--Storage:Database={folder.File(database)}" }) start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
