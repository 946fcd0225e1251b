using Newsdesk.Corpus;
using Newsdesk.Retrieval;

namespace Newsdesk.Answering;

/// <summary>Each document's publication date, read from the store once per loaded index (a reload may bring new
/// documents) and only when a "when" answer needs one, so other questions never pay for it.</summary>
public sealed class PublicationDates(IKnowledgeStore store, PassageIndexHolder index)
{
    private Loaded? loaded;

    public async Task<IReadOnlyDictionary<long, PublicationDate>> CurrentAsync(CancellationToken cancellationToken)
    {
        var snapshot = index.Current;
        if (loaded is { } known && ReferenceEquals(known.Snapshot, snapshot)) return known.Dates;
        var dates = await store.GetPublicationDatesAsync(cancellationToken);
        loaded = new Loaded(snapshot, dates);
        return dates;
    }

    private sealed record Loaded(PassageIndex Snapshot, IReadOnlyDictionary<long, PublicationDate> Dates);
}
