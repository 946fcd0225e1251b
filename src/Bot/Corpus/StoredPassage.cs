namespace Newsdesk.Corpus;

/// <summary>A passage as kept in the store, with what a citation needs to know about its document.</summary>
public sealed record StoredPassage(
    long Id,
    long DocumentId,
    string Source,
    string Title,
    Uri? Url,
    int Ordinal,
    string Text,
    DateTimeOffset AddedAt);
