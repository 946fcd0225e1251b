using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Corpus;
using Newsdesk.Storage;

namespace Newsdesk.Retrieval;

/// <summary>Owns the current <see cref="PassageIndex"/>; a reload after ingestion swaps the snapshot atomically so
/// questions in flight keep the one they started with. Remembers the store version it loaded, so a replica reloads
/// when another process has ingested (<see cref="CorpusChangeWatcher"/>).</summary>
public sealed class PassageIndexHolder(IKnowledgeStore store, IndexSource source, IOptions<StorageOptions> storage,
    IOptions<RetrievalOptions> retrieval, ILogger<PassageIndexHolder> logger) : ICorpusIndex
{
    private volatile LexicalIndex? lexical;

    private readonly TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim reloading = new(1, 1);
    private volatile PassageIndex current = PassageIndex.Empty;
    private volatile string? loadedVersion;

    public PassageIndex Current => current;

    /// <summary>BM25 over the loaded passages, where terms are ranked in process (PostgreSQL, unless
    /// <see cref="RetrievalOptions.ShouldRankTermsInPostgres"/>); null where the store ranks them (SQLite's FTS5).</summary>
    public LexicalIndex? Lexical => lexical;
    public bool IsLoaded => loaded.Task.IsCompleted;

    /// <summary>How vectors are searched (in memory; on PostgreSQL whether pgvector is there), once loaded.</summary>
    public string VectorSearch { get; private set; } = "not loaded";

    /// <summary>Completes once the first index is loaded; a question that arrives while the server is still starting
    /// waits for it rather than being declined by an empty corpus.</summary>
    public Task WhenLoadedAsync(CancellationToken cancellationToken) => loaded.Task.WaitAsync(cancellationToken);

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await reloading.WaitAsync(cancellationToken);
        try
        {
            await LoadAsync(cancellationToken);
        }
        finally
        {
            reloading.Release();
        }
    }

    /// <summary>Reloads when the store's version differs from the one loaded; true when it did.</summary>
    public async Task<bool> ReloadIfChangedAsync(CancellationToken cancellationToken)
    {
        if (!IsLoaded || await store.GetVersionAsync(cancellationToken) == loadedVersion) return false;
        await reloading.WaitAsync(cancellationToken);
        try
        {
            // Another reload may have caught up meanwhile.
            if (await store.GetVersionAsync(cancellationToken) == loadedVersion) return false;
            await LoadAsync(cancellationToken);
            logger.LogInformation("The corpus changed in the store; reloaded the search index");
            return true;
        }
        finally
        {
            reloading.Release();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // Read before the rows: a save committed while loading leaves the version behind, and the next check reloads.
        var version = await store.GetVersionAsync(cancellationToken);
        var snapshot = await source.LoadAsync(cancellationToken);
        if (snapshot.Planted > 0) logger.LogInformation("Set aside {Count} sentences addressed to machine readers", snapshot.Planted);
        var passages = snapshot.Passages;
        var first = passages.FirstOrDefault(p => p.Sentences.Length > 0);
        var dimensions = first.Vectors is null ? 384 : first.Vectors.Length / first.Sentences.Length;
        var index = Build(passages, dimensions, snapshot.Terms);
        lexical = storage.Value.Provider == StorageProvider.PostgreSQL && !retrieval.Value.ShouldRankTermsInPostgres
            ? new LexicalIndex(index.Passages) : null;
        current = index;
        loadedVersion = version;
        if (!IsLoaded)
        {
            VectorSearch = await store.DescribeVectorSearchAsync(cancellationToken);
            logger.LogInformation("Vector search: {VectorSearch}", VectorSearch);
        }
        loaded.TrySetResult();
        logger.LogInformation("Loaded {Count} passages into the search index", passages.Count);
    }

    private PassageIndex Build(IReadOnlyList<(StoredPassage Passage, SentenceSpan[] Sentences, float[] Vectors)> passages, int dimensions, TermStatistics terms)
    {
        var settings = retrieval.Value;
        var sentences = passages.Sum(p => p.Vectors.Length / dimensions);
        // Without a first pass (0) the int8 path searches exactly, which only the floats in memory do quickly.
        var exactInMemory = settings.DenseFirstPassSentences == 0 && sentences <= settings.DenseBinaryAboveSentences;
        if (sentences == 0 || sentences <= settings.DenseOnDiskAboveSentences || exactInMemory)
            return new PassageIndex(passages, dimensions, settings.DenseFirstPassSentences, terms);
        var path = Path.Combine(RowFolder(), $"{Path.GetFileName(storage.Value.Database)}.sentence-rows-{Guid.NewGuid():N}.bin");
        var vectors = passages.Select(p => p.Vectors).ToList();
        try
        {
            var dense = sentences > settings.DenseBinaryAboveSentences
                ? OnDiskSentences.WithBinary(vectors, dimensions, path, settings.DenseShortlistSentences, settings.DenseRescoredSentences, settings.DenseRowReaders)
                : OnDiskSentences.WithInt8(vectors, dimensions, path, settings.DenseFirstPassSentences, settings.DenseRowReaders);
            return new PassageIndex(passages.Select(p => (p.Passage, p.Sentences)).ToList(), dimensions, dense, terms);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A full disk or a folder we may not write must not leave the bot without an index: the same rankings from
            // memory, at the memory's cost.
            if (File.Exists(path)) File.Delete(path);
            logger.LogWarning("Could not write the sentence vectors to {Path} ({Reason}); keeping them in memory", path, exception.Message);
            return new PassageIndex(passages, dimensions, settings.DenseFirstPassSentences, terms);
        }
    }

    private string RowFolder()
    {
        if (retrieval.Value.DenseRowFolder is { Length: > 0 } configured) return configured;
        var database = Path.GetDirectoryName(Path.GetFullPath(storage.Value.Database));
        return storage.Value.Provider == StorageProvider.Sqlite && Directory.Exists(database) ? database : Path.GetTempPath();
    }
}
