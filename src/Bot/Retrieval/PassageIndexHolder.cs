using Microsoft.Extensions.Logging;
using Newsdesk.Corpus;

namespace Newsdesk.Retrieval;

/// <summary>Owns the current <see cref="PassageIndex"/>; a reload after ingestion swaps the snapshot atomically so
/// questions in flight keep the one they started with.</summary>
public sealed class PassageIndexHolder(KnowledgeStore store, ILogger<PassageIndexHolder> logger)
{
    private volatile PassageIndex current = PassageIndex.Empty;
    private volatile bool isLoaded;

    public PassageIndex Current => current;
    public bool IsLoaded => isLoaded;

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var passages = await store.LoadPassagesAsync(cancellationToken);
        var first = passages.FirstOrDefault(p => p.Sentences.Length > 0);
        var dimensions = first.Vectors is null ? 384 : first.Vectors.Length / first.Sentences.Length;
        current = new PassageIndex(passages, dimensions);
        isLoaded = true;
        logger.LogInformation("Loaded {Count} passages into the search index", passages.Count);
    }
}
