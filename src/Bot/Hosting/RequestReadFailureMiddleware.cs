using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newsdesk.Http;

namespace Newsdesk.Hosting;

/// <summary>A body that stops arriving or a connection that drops is the client's doing and common under attack. Left
/// to Kestrel it became an Error line with a 2.6 KB stack trace per request (300 slow connections, 302 errors); here it
/// is counted (<see cref="ServerMetrics"/>), logged at Debug and answered with its status code (408 or 400).</summary>
public sealed class RequestReadFailureMiddleware(RequestDelegate next, ServerMetrics metrics, ILogger<RequestReadFailureMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (RequestBodyReadException exception)
        {
            metrics.RequestReadFailed(exception.StatusCode);
            logger.LogDebug("Request body not read ({Reason}); answered {Status}", exception.InnerException?.GetType().Name, exception.StatusCode);
            if (!context.Response.HasStarted) context.Response.StatusCode = exception.StatusCode;
        }
    }
}
