namespace Newsdesk.Corpus;

/// <summary>A document ready to store: what the store keeps about it and its passages with their sentence vectors.</summary>
public sealed record EmbeddedDocument(DocumentRecord Record, IReadOnlyList<EmbeddedPassage> Passages);
