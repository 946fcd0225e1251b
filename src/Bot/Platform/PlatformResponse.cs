using System.Net;

namespace Newsdesk.Platform;

/// <summary>How a <see cref="PlatformCall"/> ended: the last response's status and body, or
/// <see cref="WasFoundExisting"/> when a repeat was not needed because the platform already had the message.</summary>
public sealed record PlatformResponse(HttpStatusCode Status, string Body, bool WasFoundExisting = false)
{
    public bool IsSuccess => WasFoundExisting || (int)Status is >= 200 and < 300;
}
