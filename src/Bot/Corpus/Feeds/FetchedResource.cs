using System.Net;

namespace Newsdesk.Corpus.Feeds;

/// <summary>What one guarded GET returned: the body (absent on 304), the validators for the next conditional GET, and
/// the charset the server declared for the body (pages are decoded by it).</summary>
public sealed record FetchedResource(HttpStatusCode Status, byte[]? Body, string? ETag, string? LastModified, Uri FinalUrl, string? Charset = null)
{
    public bool IsNotModified => Status == HttpStatusCode.NotModified;
}
