using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Retrieval;

/// <summary>A start after the first reads the index from the snapshot beside the store and answers exactly as an
/// index built from the store does; a snapshot older than the store, or damaged, is set aside (the damaged one with a
/// warning), the index comes from the store, and the snapshot is written again.</summary>
public sealed class IndexSnapshotTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly CapturingLoggerProvider logs = new();

    private string Store => folder.File("store.db");
    private string Snapshot => Store + ".index-snapshot";

    private static readonly string[] Questions = ["Who shut down AllofMP3?", "How much did a song cost?", "Which labels sued the site?"];

    private Task<IHost> LoadAsync(IEnumerable<string> corpus, bool keepSnapshot = true) =>
        CoreHost.CreateLoadedAsync(Store, corpus, new Dictionary<string, string?>
        {
            ["Storage:KeepStartupCaches"] = keepSnapshot.ToString(),
            ["Logging:LogLevel:Newsdesk.Retrieval.IndexSource"] = "Information",
        }, services => services.AddSingleton<ILoggerProvider>(logs));

    [Fact]
    public async Task ASecondStartReadsTheSnapshotAndAnswersAsAnIndexBuiltFromTheStore()
    {
        using (await LoadAsync([TestPaths.Seeds])) Assert.True(File.Exists(Snapshot));
        using var fromSnapshot = await LoadAsync([TestPaths.Seeds]);
        using var fromStore = await LoadAsync([TestPaths.Seeds], keepSnapshot: false);

        Assert.Contains(logs.Lines, l => l.Message.Contains("from the snapshot", StringComparison.Ordinal));
        AssertSameIndex(fromStore, fromSnapshot);
    }

    [Fact]
    public async Task ASnapshotOlderThanTheStoreIsRebuiltFromIt()
    {
        var corpus = folder.File("corpus");
        Directory.CreateDirectory(corpus);
        foreach (var file in Directory.GetFiles(TestPaths.Seeds)) File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(corpus, "extra.txt"), "Label signs band\n\nThe label Northwind signed the band Quietly Loud to a five-album deal on Monday.");
        using (var first = await LoadAsync([corpus])) Assert.Contains(Index(first).Passages, p => p.Source == "extra.txt");
        File.Delete(Path.Combine(corpus, "extra.txt"));

        using var second = await LoadAsync([corpus]);

        Assert.DoesNotContain(Index(second).Passages, p => p.Source == "extra.txt");
        Assert.Contains(logs.Lines, l => l.Message.Contains("older than the store", StringComparison.Ordinal));
        using var third = await LoadAsync([corpus]);
        Assert.DoesNotContain(Index(third).Passages, p => p.Source == "extra.txt");
        Assert.Single(logs.Lines, l => l.Message.Contains("from the snapshot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADamagedSnapshotIsIgnoredWithAWarningAndWrittenAgain()
    {
        using (await LoadAsync([TestPaths.Seeds])) { }
        var bytes = File.ReadAllBytes(Snapshot);
        bytes[bytes.Length * 2 / 3] ^= 0x40;
        File.WriteAllBytes(Snapshot, bytes);

        using var damaged = await LoadAsync([TestPaths.Seeds]);

        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("cannot be read", StringComparison.Ordinal));
        using var fromStore = await LoadAsync([TestPaths.Seeds], keepSnapshot: false);
        AssertSameIndex(fromStore, damaged);
        Assert.NotNull(IndexSnapshotFile.Read(Snapshot, IndexSnapshotFile.KeyFor((await KnowledgeStoreOf(damaged).GetContentKeyAsync(default))!)));
    }

    /// <summary>The store's content key is one pass over every document row: a current snapshot costs one, and a
    /// stale or missing one two (before and after the store is read), the first handed on from the snapshot's test.</summary>
    [Fact]
    public async Task TheStoresContentKeyIsComputedOnceForACurrentSnapshotAndTwiceOtherwise()
    {
        using var host = await LoadAsync([TestPaths.Seeds]);
        var store = new ContentKeyCountingStore(KnowledgeStoreOf(host));
        var source = ActivatorUtilities.CreateInstance<IndexSource>(host.Services, store);
        async Task<int> KeysToLoadAsync()
        {
            var before = store.ContentKeys;
            await source.LoadAsync(CancellationToken.None);
            return store.ContentKeys - before;
        }
        var key = IndexSnapshotFile.KeyFor((await KnowledgeStoreOf(host).GetContentKeyAsync(default))!);

        Assert.Equal(1, await KeysToLoadAsync());
        IndexSnapshotFile.Write(Snapshot, "a store that has changed since", IndexSnapshotFile.Read(Snapshot, key)!);
        Assert.Equal(2, await KeysToLoadAsync());
        Assert.NotNull(IndexSnapshotFile.Read(Snapshot, key));
        File.Delete(Snapshot);
        Assert.Equal(2, await KeysToLoadAsync());
        Assert.True(File.Exists(Snapshot));
    }

    private static PassageIndex Index(IHost host) => host.Services.GetRequiredService<PassageIndexHolder>().Current;

    private static IKnowledgeStore KnowledgeStoreOf(IHost host) => host.Services.GetRequiredService<IKnowledgeStore>();

    private static void AssertSameIndex(IHost expectedHost, IHost actualHost)
    {
        var (expected, actual) = (Index(expectedHost), Index(actualHost));
        Assert.True(expected.Count > 0);
        Assert.Equal(expected.Passages, actual.Passages);
        Assert.Equal(expected.SentenceCount, actual.SentenceCount);
        Assert.Equal(expected.Terms.PassageFrequencies.OrderBy(t => t.Key, StringComparer.Ordinal),
            actual.Terms.PassageFrequencies.OrderBy(t => t.Key, StringComparer.Ordinal));
        var embedder = expectedHost.Services.GetRequiredService<PassageEmbedder>();
        foreach (var question in Questions)
        {
            var query = embedder.EmbedQuery(question, default);
            var nearest = expected.Nearest(query, 40);
            Assert.Equal(nearest, actual.Nearest(query, 40));
            foreach (var (passage, _) in nearest) Assert.Equal(expected.Sentences(passage.Id, query), actual.Sentences(passage.Id, query));
        }
    }

    public void Dispose()
    {
        logs.Dispose();
        folder.Dispose();
    }
}
