using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Newsdesk.Http;

/// <summary>Reads a signed request's raw bytes (signatures cover the exact bytes, so nothing may parse them first),
/// refusing to buffer more than a cap whatever Content-Length claims: chunked bodies are counted as they arrive.
/// <para>Memory follows what the client has sent, not what it declared. The bytes wait in Kestrel's pooled buffers
/// until they arrive, and are copied into an array that grows (to at most twice what was received, and never past the
/// declared length) as they do. A client that declares 1 MiB and sends one byte costs one small array, not 1 MiB: an
/// array of the declared size per connection let 6,000 idle connections hold 3.5 GB (docs/reliability.md, "Threat
/// model"). A body of the usual size (a few KiB, declared) still costs one array of its exact size and no copy.</para>
/// <para>A body that stops arriving (Kestrel's minimum data rate, 408), ends short (400) or whose connection drops
/// is a <see cref="RequestBodyReadException"/>: the client's failure, answered and counted, not an application error.</para></summary>
public static class CappedRequestBody
{
    // The first array: enough for a whole interaction or event, small next to what a connection costs Kestrel.
    private const int FirstArrayBytes = 4096;

    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/> (the caller answers 413).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return null;
        var declared = request.ContentLength;
        var reader = request.BodyReader;
        byte[] body = [];
        var received = 0;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                if (received + buffer.Length > maxBytes)
                {
                    reader.AdvanceTo(buffer.End);
                    return null;
                }
                var needed = received + (int)buffer.Length;
                if (needed > body.Length) body = Grow(body, received, needed, declared);
                buffer.CopyTo(body.AsSpan(received));
                received = needed;
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled) break;
            }
        }
        catch (BadHttpRequestException exception)
        {
            throw new RequestBodyReadException(exception.StatusCode, exception);
        }
        catch (IOException exception)
        {
            throw new RequestBodyReadException(StatusCodes.Status400BadRequest, exception);
        }
        catch (OperationCanceledException exception) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // A dropped connection may cancel the request's token before the read fails: the same client failure,
            // which must be answered and counted the same way whichever comes first.
            throw new RequestBodyReadException(StatusCodes.Status400BadRequest, exception);
        }
        return received == body.Length ? body : body[..received];
    }

    private static byte[] Grow(byte[] body, int received, int needed, long? declared)
    {
        var capacity = Math.Max(needed, Math.Max(2 * body.Length, FirstArrayBytes));
        // Kestrel never yields more than the declared length, so the declared length is the last array's size.
        if (declared is { } length && length >= needed) capacity = (int)Math.Min(capacity, length);
        var grown = new byte[capacity];
        body.AsSpan(0, received).CopyTo(grown);
        return grown;
    }
}
