namespace Newsdesk.Corpus;

/// <summary>A document a caller wants stored: what the store keeps about it and its cleaned text. The
/// <see cref="DocumentIngestor"/> splits, embeds and saves it.</summary>
public sealed record DocumentDraft(DocumentRecord Record, CleanDocument Clean)
{
    /// <summary>Runs once the transaction that stored the document has committed (a feed item's row, say), so nothing
    /// points at a document that is not there.</summary>
    public Func<CancellationToken, Task>? OnSaved { get; init; }
}
