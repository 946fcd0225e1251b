using System.Globalization;
using Newsdesk.Corpus;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Corpus;

/// <summary>The low-priority inference threads <c>serve</c> uses: below the caller's priority, results and failures
/// handed back, and the same vectors as inference on the caller's thread.</summary>
public sealed class EmbeddingThreadsTests
{
    [Fact]
    public void WorkRunsOnADedicatedThreadScheduledBelowTheCaller()
    {
        using var threads = new EmbeddingThreads(threadCount: 2, niceness: 10);
        var callers = NiceOfThisThread();

        var (name, nice) = threads.Run(() => (Thread.CurrentThread.Name, NiceOfThisThread()));

        Assert.StartsWith("Embedding ", name, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux()) Assert.Equal(Math.Min(19, callers + 10), nice);
    }

    [Fact]
    public void AFailureInTheWorkIsThrownToTheCaller()
    {
        using var threads = new EmbeddingThreads(threadCount: 1, niceness: 10);

        var thrown = Assert.Throws<InvalidOperationException>(() => threads.Run<int>(() => throw new InvalidOperationException("model broke")));

        Assert.Equal("model broke", thrown.Message);
    }

    [Fact]
    public void WorkAfterDisposeStillRunsOnTheCallersThread()
    {
        var threads = new EmbeddingThreads(threadCount: 1, niceness: 10);
        threads.Dispose();

        Assert.Equal(Environment.CurrentManagedThreadId, threads.Run(() => Environment.CurrentManagedThreadId));
    }

    [Fact]
    public void NicenessOutsideOneToNineteenIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingThreads(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingThreads(1, 20));
    }

    [Fact]
    public void VectorsFromTheThreadsEqualVectorsComputedOnTheCaller()
    {
        // Both over the test process's one session of the default model: the threads must give what the caller's thread
        // gives from the same model.
        var model = new CorpusOptions().EmbeddingModel;
        using var threads = new EmbeddingThreads(Environment.ProcessorCount, niceness: 10);
        using var onThreads = SharedEmbeddingModel.Embedder(model, threads);
        using var inline = SharedEmbeddingModel.Embedder(model);
        string[] passages = ["EMI was bought by Universal.", "Vinyl sales rose again.", "Napster shut down in 2001.", "Streaming grew 10%.", "Live Nation was sued."];

        Assert.Equal(inline.EmbedPassages(passages, CancellationToken.None), onThreads.EmbedPassages(passages, CancellationToken.None));
        Assert.Equal(inline.EmbedQuery("Who bought EMI?", CancellationToken.None), onThreads.EmbedQuery("Who bought EMI?", CancellationToken.None));
    }

    [Fact]
    public void ABatchCutByLengthAndSpreadOverTwoThreadsGivesTheVectorsOfOneCall()
    {
        using var threads = new EmbeddingThreads(2, niceness: 10);
        using var onThreads = SharedEmbeddingModel.Embedder(new CorpusOptions().EmbeddingModel, threads);
        string[] texts = [onThreads.QueryInput("how much did the tickets cost"), "punt tracks for between about $0.10", "Yes.",
            "Mark Morrison's album went on sale through the Jet Star website for £9.99 on Monday", "sold 3.5 million copies", "EMI"];
        var expected = onThreads.EmbedBatch(texts, CancellationToken.None);
        var calls = onThreads.ModelCalls;

        Assert.Equal(expected, onThreads.EmbedByLength(texts, cores: 1, CancellationToken.None));
        var oneCore = onThreads.ModelCalls - calls;
        Assert.Equal(expected, onThreads.EmbedByLength(texts, cores: 2, CancellationToken.None));
        Assert.Equal(2, onThreads.ModelCalls - calls - oneCore);
    }

    /// <summary>Field 19 of /proc/thread-self/stat; the fields before it follow the command name in parentheses.</summary>
    private static int NiceOfThisThread()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture);
    }
}
