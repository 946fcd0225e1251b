using Microsoft.Extensions.Logging;
using Newsdesk.Corpus;
using Newsdesk.Retrieval.Planted;

namespace Newsdesk.Retrieval;

/// <summary>Owns the current <see cref="PassageIndex"/>; a reload after ingestion swaps the snapshot atomically so
/// questions in flight keep the one they started with.</summary>
public sealed class PassageIndexHolder(KnowledgeStore store, MachineAddressedSentenceClassifier plantedSentences, ILogger<PassageIndexHolder> logger) : ICorpusIndex
{
    private readonly TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile PassageIndex current = PassageIndex.Empty;

    public PassageIndex Current => current;
    public bool IsLoaded => loaded.Task.IsCompleted;

    /// <summary>Completes once the first index is loaded; a question that arrives while the server is still starting
    /// waits for it rather than being declined by an empty corpus.</summary>
    public Task WhenLoadedAsync(CancellationToken cancellationToken) => loaded.Task.WaitAsync(cancellationToken);

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var (passages, planted) = PlantedSentenceScreen.Screen(await store.LoadPassagesAsync(cancellationToken), plantedSentences);
        if (planted > 0) logger.LogInformation("Set aside {Count} sentences addressed to machine readers", planted);
        var first = passages.FirstOrDefault(p => p.Sentences.Length > 0);
        var dimensions = first.Vectors is null ? 384 : first.Vectors.Length / first.Sentences.Length;
        current = new PassageIndex(passages, dimensions);
        loaded.TrySetResult();
        logger.LogInformation("Loaded {Count} passages into the search index", passages.Count);
    }
}
