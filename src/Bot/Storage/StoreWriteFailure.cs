namespace Newsdesk.Storage;

/// <summary>One kind of store write that is failing: since when, and SQLite's own words for why.</summary>
public sealed record StoreWriteFailure(DateTimeOffset Since, string Reason);
