using Newsdesk.Corpus;

namespace Newsdesk.Tests.Retrieval;

/// <summary>A real store that counts how often its content key is computed (one pass over every document row).</summary>
public sealed class ContentKeyCountingStore(IKnowledgeStore inner) : IKnowledgeStore
{
    private int contentKeys;

    public int ContentKeys => Volatile.Read(ref contentKeys);

    public Task<string?> GetContentKeyAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref contentKeys);
        return inner.GetContentKeyAsync(cancellationToken);
    }

    public Task<Dictionary<string, string>> GetContentHashesAsync(string origin, CancellationToken cancellationToken) =>
        inner.GetContentHashesAsync(origin, cancellationToken);

    public Task SaveDocumentsAsync(IReadOnlyList<EmbeddedDocument> documents, CancellationToken cancellationToken) =>
        inner.SaveDocumentsAsync(documents, cancellationToken);

    public Task RemoveDocumentAsync(string source, CancellationToken cancellationToken) => inner.RemoveDocumentAsync(source, cancellationToken);

    public Task<IReadOnlyList<(StoredPassage Passage, SentenceSpan[] Sentences, float[] Vectors)>> LoadPassagesAsync(CancellationToken cancellationToken) =>
        inner.LoadPassagesAsync(cancellationToken);

    public Task<IReadOnlyList<(long PassageId, double Score)>> SearchTermsAsync(string ftsQuery, int limit, CancellationToken cancellationToken) =>
        inner.SearchTermsAsync(ftsQuery, limit, cancellationToken);

    public Task<IReadOnlyList<DocumentSummary>> ListDocumentsAsync(int limit, CancellationToken cancellationToken) =>
        inner.ListDocumentsAsync(limit, cancellationToken);

    public Task<string> GetVersionAsync(CancellationToken cancellationToken) => inner.GetVersionAsync(cancellationToken);

    public Task<string> DescribeVectorSearchAsync(CancellationToken cancellationToken) => inner.DescribeVectorSearchAsync(cancellationToken);

    public Task<IReadOnlyDictionary<long, PublicationDate>> GetPublicationDatesAsync(CancellationToken cancellationToken) =>
        inner.GetPublicationDatesAsync(cancellationToken);
}
