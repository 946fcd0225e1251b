namespace Newsdesk.Corpus;

/// <summary>Documents, passages, their sentence vectors, publication dates and the lexical index: the corpus's one
/// store, on SQLite (<see cref="KnowledgeStore"/>) or PostgreSQL (<c>PostgresKnowledgeStore</c>), chosen by
/// <c>Storage:Provider</c>. Both providers keep the same rows and return the same shapes.</summary>
public interface IKnowledgeStore
{
    /// <summary>Source → content hash for every document of one origin, to decide what a re-scan must redo.</summary>
    Task<Dictionary<string, string>> GetContentHashesAsync(string origin, CancellationToken cancellationToken);

    /// <summary>Replaces a document and all its passages in one transaction, so a crash never leaves half of one.</summary>
    Task SaveDocumentAsync(DocumentRecord document, IReadOnlyList<EmbeddedPassage> passages, CancellationToken cancellationToken) =>
        SaveDocumentsAsync([new EmbeddedDocument(document, passages)], cancellationToken);

    /// <summary>Replaces several documents and their passages in one transaction: all of them or none.</summary>
    Task SaveDocumentsAsync(IReadOnlyList<EmbeddedDocument> documents, CancellationToken cancellationToken);

    Task RemoveDocumentAsync(string source, CancellationToken cancellationToken);

    /// <summary>Every passage with its sentences' places and vectors (concatenated), for the in-memory dense index.</summary>
    Task<IReadOnlyList<(StoredPassage Passage, SentenceSpan[] Sentences, float[] Vectors)>> LoadPassagesAsync(CancellationToken cancellationToken);

    /// <summary>Passages matching a query of quoted words joined by OR (<c>"a" OR "b"</c>), best first, with scores
    /// where higher is better. Title matches count, but less than body matches.</summary>
    Task<IReadOnlyList<(long PassageId, double Score)>> SearchTermsAsync(string ftsQuery, int limit, CancellationToken cancellationToken);

    /// <summary>Documents that have passages, newest first (by publication time where known, else when added).</summary>
    Task<IReadOnlyList<DocumentSummary>> ListDocumentsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>A value that changes whenever a document is saved or removed, by any process sharing the store: each
    /// replica compares it with the one it loaded to see another's ingestion without a restart.</summary>
    Task<string> GetVersionAsync(CancellationToken cancellationToken);

    /// <summary>A fingerprint of every document and passage row the search index is built from (which rows, their
    /// content hashes and when they were saved), stronger than <see cref="GetVersionAsync"/>: a copy of the index
    /// kept on disk is used only while it matches. Null where the store offers none (then nothing is kept).</summary>
    Task<string?> GetContentKeyAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>How the dense side is searched on this store, for the logs and /readyz.</summary>
    Task<string> DescribeVectorSearchAsync(CancellationToken cancellationToken);

    /// <summary>Each document's publication date and its source, for the documents that have one.</summary>
    Task<IReadOnlyDictionary<long, PublicationDate>> GetPublicationDatesAsync(CancellationToken cancellationToken);
}
