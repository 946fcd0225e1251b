using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Retrieval;

/// <summary>A serving process sees a document another process saved into the shared store at its next version check,
/// on the injected clock, without a restart.</summary>
public sealed class CorpusChangeWatcherTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Fact]
    public async Task AReplicaReloadsItsIndexAtTheFirstCheckAfterAnotherProcessSavedADocument()
    {
        var clock = new WatchedClock();
        using var logs = new CapturingLoggerProvider();
        var settings = new Dictionary<string, string?> { ["Logging:LogLevel:Newsdesk.Retrieval"] = "Information" };
        using var writer = await CoreHost.CreateLoadedAsync(folder.File("shared.db"), [TestPaths.Seeds]);
        using var replica = await CoreHost.CreateLoadedAsync(folder.File("shared.db"), [TestPaths.Seeds], settings,
            services => services.AddSingleton<ILoggerProvider>(logs));
        var index = replica.Services.GetRequiredService<PassageIndexHolder>();
        var before = index.Current.Count;
        using var watcher = new CorpusChangeWatcher(index, Options.Create(new RetrievalOptions()), clock, NullLogger<CorpusChangeWatcher>.Instance);
        await watcher.StartAsync(default);

        var vector = new float[index.Current.Dimensions];
        vector[0] = 1;
        var record = new DocumentRecord("import/late.txt", "import", "A late story", null, "late-hash", null, null);
        await writer.Services.GetRequiredService<IKnowledgeStore>().SaveDocumentAsync(record,
            [new EmbeddedPassage(new SplitPassage("A late story arrived.", [new SentenceSpan(0, 21)]), [vector])], default);
        Assert.Equal(before, index.Current.Count);

        // The watcher's timer starts on its own thread: advance only once it exists, or the tick is missed.
        var interval = new RetrievalOptions().CorpusChangeCheckInterval;
        await clock.WaitForTimerAsync(interval);
        clock.Advance(interval);
        await logs.WaitForLineAsync(line => line.Message.Contains("corpus changed", StringComparison.Ordinal));
        Assert.Equal(before + 1, index.Current.Count);
        Assert.Contains(index.Current.Passages, p => p.Source == "import/late.txt");
        await watcher.StopAsync(default);
    }

    public void Dispose() => folder.Dispose();
}
