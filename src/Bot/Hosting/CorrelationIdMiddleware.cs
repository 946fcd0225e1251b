using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newsdesk.Http;

namespace Newsdesk.Hosting;

/// <summary>Gives every request a correlation id: the caller's <c>X-Correlation-Id</c> when it is short and plain
/// (a proxy's id), else the request's trace id. It opens a log scope for the request's lines, is set as the request's
/// <see cref="CorrelationIdFeature"/> (each endpoint puts it on the chat job it queues, so the worker's and the
/// reply's lines carry it too), and is echoed in the response so a person can quote it.</summary>
public sealed partial class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string Header = "X-Correlation-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var offered = context.Request.Headers[Header].ToString();
        // Anything else from outside (long, or with odd characters) would be an injection point into the logs.
        var correlationId = PlainId().IsMatch(offered)
            ? offered
            : Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
        context.Response.Headers[Header] = correlationId;
        using var scope = logger.BeginScope("CorrelationId:{CorrelationId}", correlationId);
        context.Features.Set(new CorrelationIdFeature(correlationId));
        await next(context);
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex PlainId();
}
