namespace Newsdesk.Tests.Hostile;

/// <summary>One hostile request: where it goes, its exact bytes and headers, and the status codes it may get.</summary>
/// <param name="IsChunked">Sent without Content-Length, so the server cannot refuse it before reading.</param>
/// <param name="IsValidlySigned">Carries a signature the bot must accept; everything else must run nothing.</param>
public sealed record FuzzCase(
    string Category,
    string Path,
    byte[] Body,
    string ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    bool IsChunked,
    bool IsValidlySigned,
    IReadOnlySet<int> Allowed);
