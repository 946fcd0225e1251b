using Microsoft.AspNetCore.Http;

namespace Newsdesk.Http;

/// <summary>The correlation id the web host gave this request (<c>Hosting/CorrelationIdMiddleware</c>), as a request
/// feature: each endpoint reads it and puts it on the chat job it queues, so the request's, the worker's and the
/// reply's log lines share one id, also after a restart (the journal keeps it).</summary>
public sealed record CorrelationIdFeature(string Value)
{
    /// <summary>The request's id; null outside the middleware (a host that maps the endpoints alone).</summary>
    public static string? Of(HttpContext context) => context.Features.Get<CorrelationIdFeature>()?.Value;
}
