using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Retrieval;

/// <summary>The index snapshot is about the store's size, so it is kept only when the disk has at least twice its
/// size free: one byte less and the store keeps the room (with a warning), and the next start reads the store.</summary>
public sealed class IndexSnapshotFreeSpaceTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly CapturingLoggerProvider logs = new();
    private readonly ReportedFreeDiskSpace disk = new();

    private string Store => folder.File("store.db");
    private string Snapshot => Store + ".index-snapshot";

    private Task<IHost> LoadAsync() =>
        CoreHost.CreateLoadedAsync(Store, [TestPaths.Seeds], new Dictionary<string, string?> { ["Storage:KeepStartupCaches"] = "true" },
            services => services.AddSingleton<ILoggerProvider>(logs).AddSingleton<IFreeDiskSpace>(disk));

    [Fact]
    public async Task TheSnapshotIsKeptOnlyWhenTheDiskHasTwiceItsSizeFree()
    {
        using (await LoadAsync()) Assert.True(File.Exists(Snapshot));
        var size = new FileInfo(Snapshot).Length;
        File.Delete(Snapshot);

        disk.Bytes = 2 * size - 1;
        using (await LoadAsync()) Assert.False(File.Exists(Snapshot));
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("less than twice its size free", StringComparison.Ordinal));

        disk.Bytes = 2 * size;
        using (await LoadAsync()) Assert.True(File.Exists(Snapshot));
        Assert.Equal(size, new FileInfo(Snapshot).Length);
    }

    public void Dispose()
    {
        logs.Dispose();
        folder.Dispose();
    }
}
