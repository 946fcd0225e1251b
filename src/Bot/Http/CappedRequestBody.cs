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
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
