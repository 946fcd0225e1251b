namespace Newsdesk.Http;

/// <summary>A request body that could not be read because of the client: too slow, cut short, or its connection gone.
/// <see cref="StatusCode"/> is the answer it gets (when it is still there to read one).</summary>
public sealed class RequestBodyReadException(int statusCode, Exception innerException)
    : Exception("The request body could not be read.", innerException)
{
    public int StatusCode { get; } = statusCode;
}
