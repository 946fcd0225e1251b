using Newsdesk.Corpus;

namespace Newsdesk.Retrieval;

/// <summary>Brings the store up to date with the corpus folders and loads the search index: what every verb needs
/// before the first question. The model loads meanwhile on another core, since the first question needs it too.</summary>
public sealed class SearchIndexLoader(CorpusSynchronizer synchronizer, PassageIndexHolder index, PassageEmbedder embedder)
{
    public async Task<CorpusSynchronizer.Result> LoadAsync(CancellationToken cancellationToken)
    {
        var model = Task.Run(embedder.Warm, cancellationToken);
        var result = await synchronizer.SynchronizeAsync(cancellationToken);
        await index.ReloadAsync(cancellationToken);
        await model;
        // Loading leaves a few hundred MB of garbage behind (the model's bytes as read from its assembly, the rows
        // read from the store); an aggressive collection hands that memory back to the system now, once, instead of
        // keeping it committed for the life of the process (measured by the benchmark's memory verb).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return result;
    }
}
