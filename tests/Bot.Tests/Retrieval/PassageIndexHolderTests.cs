using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Retrieval;

/// <summary>Where the loaded index keeps its floats: by default in memory at the seed's size; above
/// Retrieval:DenseOnDiskAboveSentences in a file of its own beside the store, written again on every reload, giving
/// exact search's rankings; and in memory, with a warning, where that file cannot be written.</summary>
public sealed class PassageIndexHolderTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    // The seed is far below the size at which the product moves the floats to disk by default.
    private static Dictionary<string, string?> OnDiskAtAnySize() => new() { ["Retrieval:DenseOnDiskAboveSentences"] = "0" };

    [Fact]
    public async Task ACorpusBelowTheOnDiskSizeKeepsItsFloatsInMemory()
    {
        using var host = await CoreHost.CreateLoadedAsync(folder.File("store.db"), [TestPaths.Seeds]);

        Assert.IsType<InMemorySentences>(host.Services.GetRequiredService<PassageIndexHolder>().Current.Dense);
    }

    [Fact]
    public async Task TheLoadedIndexKeepsItsFloatsOnDiskAndAReloadGivesTheSameRankings()
    {
        using var host = await CoreHost.CreateLoadedAsync(folder.File("store.db"), [TestPaths.Seeds], OnDiskAtAnySize());
        var holder = host.Services.GetRequiredService<PassageIndexHolder>();
        var query = host.Services.GetRequiredService<Newsdesk.Corpus.PassageEmbedder>().EmbedQuery("Who shut down AllofMP3?", default);
        var first = holder.Current;
        await holder.ReloadAsync(default);

        Assert.IsType<OnDiskSentences>(first.Dense);
        Assert.NotSame(first.Dense, holder.Current.Dense);
        Assert.Equal(first.Nearest(query, 40), holder.Current.Nearest(query, 40));
        var exactSettings = new Dictionary<string, string?>
        {
            ["Retrieval:DenseOnDiskAboveSentences"] = int.MaxValue.ToString(), ["Retrieval:DenseFirstPassSentences"] = "0",
        };
        using var exact = await CoreHost.CreateLoadedAsync(folder.File("store.db"), [TestPaths.Seeds], exactSettings);
        var exactIndex = exact.Services.GetRequiredService<PassageIndexHolder>().Current;
        Assert.IsType<InMemorySentences>(exactIndex.Dense);
        Assert.Equal(exactIndex.Nearest(query, 40), first.Nearest(query, 40));
    }

    [Fact]
    public async Task AFolderThatCannotBeWrittenKeepsTheFloatsInMemoryAndSaysSo()
    {
        using var logs = new CapturingLoggerProvider();
        var settings = new Dictionary<string, string?>(OnDiskAtAnySize()) { ["Retrieval:DenseRowFolder"] = folder.File("missing") };
        using var host = await CoreHost.CreateLoadedAsync(folder.File("store.db"), [TestPaths.Seeds], settings,
            services => services.AddSingleton<ILoggerProvider>(logs));

        var index = host.Services.GetRequiredService<PassageIndexHolder>().Current;
        Assert.IsType<InMemorySentences>(index.Dense);
        Assert.True(index.Count > 0);
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("keeping them in memory", StringComparison.Ordinal));
    }

    public void Dispose() => folder.Dispose();
}
