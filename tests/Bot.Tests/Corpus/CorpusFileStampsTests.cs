using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Newsdesk.Corpus;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Corpus;

/// <summary>The store check at start reads a corpus file only when its size or modification time differs from the
/// ones it had when last hashed (or it was hashed within moments of being written); a damaged stamps file costs one
/// full read of the corpus and a warning, nothing else.</summary>
public sealed class CorpusFileStampsTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly CapturingLoggerProvider logs = new();
    private readonly DateTime anHourAgo = DateTime.UtcNow.AddHours(-1);

    private string Article => Path.Combine(folder.Path, "corpus", "seed.txt");

    private IHost Host() => CoreHost.Create(folder.File("store.db"), [Path.GetDirectoryName(Article)!], configure: services => services.AddSingleton<ILoggerProvider>(logs));

    private static Task<CorpusSynchronizer.Result> SynchronizeAsync(IHost host) =>
        host.Services.GetRequiredService<CorpusSynchronizer>().SynchronizeAsync(CancellationToken.None);

    public CorpusFileStampsTests()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Article)!);
        File.Copy(Path.Combine(TestPaths.Seeds, "allofmp3-shutdown-2007.txt"), Article);
    }

    // Same length, other words: only reading the file tells it changed.
    private void RewriteKeepingSizeAndTime()
    {
        var time = File.GetLastWriteTimeUtc(Article);
        File.WriteAllText(Article, File.ReadAllText(Article).Replace("AllofMP3", "AllofMP4", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(Article, time);
    }

    [Fact]
    public async Task AFileWithTheSizeAndTimeItWasHashedWithIsNotReadAgain()
    {
        File.SetLastWriteTimeUtc(Article, anHourAgo);
        using var host = Host();
        Assert.Equal(1, (await SynchronizeAsync(host)).Added);

        RewriteKeepingSizeAndTime();
        Assert.Equal(1, (await SynchronizeAsync(host)).Unchanged);
        File.SetLastWriteTimeUtc(Article, anHourAgo.AddSeconds(1));
        Assert.Equal(1, (await SynchronizeAsync(host)).Updated);
        Assert.True(File.Exists(folder.File("store.db.corpus-stamps")));
    }

    [Fact]
    public async Task AFileHashedMomentsAfterItWasWrittenIsReadAgainNextTime()
    {
        using var host = Host();
        // Written now, after the host is built: building it on a loaded machine (parallel tests) can take longer than
        // "moments", and then the file would rightly count as settled.
        File.SetLastWriteTimeUtc(Article, DateTime.UtcNow);
        Assert.Equal(1, (await SynchronizeAsync(host)).Added);

        RewriteKeepingSizeAndTime();

        Assert.Equal(1, (await SynchronizeAsync(host)).Updated);
    }

    [Fact]
    public async Task ADamagedStampsFileIsIgnoredWithAWarningAndWrittenAgain()
    {
        File.SetLastWriteTimeUtc(Article, anHourAgo);
        using var host = Host();
        await SynchronizeAsync(host);
        var stamps = folder.File("store.db.corpus-stamps");
        File.WriteAllBytes(stamps, File.ReadAllBytes(stamps)[..^3]);

        RewriteKeepingSizeAndTime();
        Assert.Equal(1, (await SynchronizeAsync(host)).Updated);

        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("cannot be read", StringComparison.Ordinal));
        Assert.Equal(1, (await SynchronizeAsync(host)).Unchanged);
        Assert.Single(logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("cannot be read", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        logs.Dispose();
        folder.Dispose();
    }
}
