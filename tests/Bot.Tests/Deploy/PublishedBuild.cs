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
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = TestPaths.RepositoryRoot };
        foreach (var arg in new[] { "publish", "src/Bot", "-c", "Release", "-r", "linux-x64", "-o", AppFolder, "-nologo" })
            start.ArgumentList.Add(arg);
        // The test host's MSBuild settings must not steer a separate build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        // Past the limit the publish is killed with the processes it started, not left running beside the rest of the run.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var (exitCode, log) = await ChildProcess.RunToEndAsync(start, limit.Token);
        PublishLog = log;
        if (exitCode != 0) throw new InvalidOperationException("dotnet publish failed:\n" + PublishLog);
    }

    public Task DisposeAsync()
    {
        folder.Dispose();
        return Task.CompletedTask;
    }
}
