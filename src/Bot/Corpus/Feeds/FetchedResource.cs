using System.Net;

namespace Newsdesk.Corpus.Feeds;

/// <summary>What one guarded GET returned: the body (absent on 304) and the validators for the next conditional GET.</summary>
public sealed record FetchedResource(HttpStatusCode Status, byte[]? Body, string? ETag, string? LastModified, Uri FinalUrl)
{
    public bool IsNotModified => Status == HttpStatusCode.NotModified;
}
