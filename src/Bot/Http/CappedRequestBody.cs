using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Newsdesk.Http;

/// <summary>Reads a signed request's raw bytes (signatures cover the exact bytes, so nothing may parse them first),
/// refusing to buffer more than a cap whatever Content-Length claims: chunked bodies are counted as they arrive.</summary>
public static class CappedRequestBody
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/> (the caller answers 413).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return null;
        // Platforms send a Content-Length: read straight into an array of that size. This runs on every
        // acknowledgement, and a growing buffer plus a copy per request showed in the burst profiles
        // (docs/reliability.md, "Load"). Kestrel never yields more than the declared length, and fails the read
        // when the client sends less.
        return request.ContentLength is { } length
            ? await ReadDeclaredAsync(request.Body, (int)length, cancellationToken)
            : await ReadChunkedAsync(request.Body, maxBytes, cancellationToken);
    }

    private static async Task<byte[]> ReadDeclaredAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        await body.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }

    private static async Task<byte[]?> ReadChunkedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes) return null;
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
