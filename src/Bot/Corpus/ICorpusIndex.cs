namespace Newsdesk.Corpus;

/// <summary>The search index built from the store, as the corpus's importers see it: told to reload when documents
/// arrive, waited for before polling starts. Declared here and implemented by Retrieval, so the importers (Feeds) do
/// not depend on Retrieval, which depends on the corpus.</summary>
public interface ICorpusIndex
{
    Task WhenLoadedAsync(CancellationToken cancellationToken);

    Task ReloadAsync(CancellationToken cancellationToken);
}
