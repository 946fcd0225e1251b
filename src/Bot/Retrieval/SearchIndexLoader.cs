using Newsdesk.Corpus;

namespace Newsdesk.Retrieval;

/// <summary>Brings the store up to date with the corpus folders and loads the search index: what every verb needs
/// before the first question.</summary>
public sealed class SearchIndexLoader(CorpusSynchronizer synchronizer, PassageIndexHolder index)
{
    public async Task<CorpusSynchronizer.Result> LoadAsync(CancellationToken cancellationToken)
    {
        var result = await synchronizer.SynchronizeAsync(cancellationToken);
        await index.ReloadAsync(cancellationToken);
        return result;
    }
}
