using Microsoft.Extensions.Hosting;

namespace Newsdesk.Tests.Support;

/// <summary>A test over the real core services on a fresh store of the seed corpus: before each test the host is built
/// and its index loaded, after it both are thrown away, so no test sees another's reloads or remembered threads.</summary>
public abstract class SeedStoreTest : IAsyncLifetime
{
    private readonly TemporaryFolder folder = new();

    protected IHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await CoreHost.CreateLoadedAsync(folder.File("store.db"), [TestPaths.Seeds]);

    public Task DisposeAsync()
    {
        Host.Dispose();
        folder.Dispose();
        return Task.CompletedTask;
    }
}
