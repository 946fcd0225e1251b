using System.Diagnostics;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Deploy;

/// <summary>One <c>dotnet publish src/Bot -c Release -r linux-x64</c> per test run, exactly as the README and the
/// Dockerfile publish, shared by every deploy test (publishing takes about a minute on two cores).</summary>
public sealed class PublishedBuild : IAsyncLifetime
{
    private readonly TemporaryFolder folder = new();

    public string Root => folder.Path;

    /// <summary>The published program's folder: the Dockerfile's <c>/app</c>.</summary>
    public string AppFolder => folder.File("app");

    public string PublishLog { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestPaths.RepositoryRoot,
        };
        foreach (var arg in new[] { "publish", "src/Bot", "-c", "Release", "-r", "linux-x64", "-o", AppFolder, "-nologo" })
            start.ArgumentList.Add(arg);
        // The test host's MSBuild settings must not steer a separate build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        PublishLog = await output + await errors;
        if (process.ExitCode != 0) throw new InvalidOperationException("dotnet publish failed:\n" + PublishLog);
    }

    public Task DisposeAsync()
    {
        folder.Dispose();
        return Task.CompletedTask;
    }
}
