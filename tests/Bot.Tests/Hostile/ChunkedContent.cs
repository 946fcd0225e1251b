using System.Net;

namespace Newsdesk.Tests.Hostile;

/// <summary>A body of unknown length, so HttpClient sends it chunked (no Content-Length for the server to check).</summary>
public sealed class ChunkedContent(byte[] body) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
