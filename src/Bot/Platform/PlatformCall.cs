using System.Net.Http.Headers;

namespace Newsdesk.Platform;

/// <summary>One outbound call to a chat platform, as <see cref="PlatformRetryPolicy"/> runs it.</summary>
/// <param name="Name">For logs: a method or route template, never a URL (interaction and webhook URLs carry tokens).</param>
/// <param name="Build">Builds a fresh request for each attempt (a request message can be sent only once).</param>
/// <param name="IsIdempotent">True when sending it twice has the effect of sending it once (GET, PUT, PATCH, DELETE,
/// a read). A call that is not is repeated after an outcome in which the platform may have acted (a 5xx, a dropped
/// connection, a timeout) only when <see cref="FindExisting"/> can first look for what it created.</param>
public sealed record PlatformCall(string Name, HttpClient Client, Func<HttpRequestMessage> Build, bool IsIdempotent)
{
    /// <summary>Retries after a 5xx or a network failure; a 429 is counted apart.</summary>
    public int MaxTransientRetries { get; init; } = 3;

    public int MaxRateLimitRetries { get; init; } = 5;

    /// <summary>Waited before every attempt (Discord: until the route's bucket or the global limit allows it).</summary>
    public Func<CancellationToken, Task>? BeforeAttemptAsync { get; init; }

    /// <summary>Sees every response's headers (Discord learns its rate-limit buckets from them).</summary>
    public Action<HttpResponseHeaders>? Observe { get; init; }

    /// <summary>Told of a 429 before it is waited out (Discord blocks the route, or everything for a global limit).</summary>
    public Action<TimeSpan, HttpResponseMessage, string>? OnRateLimited { get; init; }

    /// <summary>Look before repeating: true when the platform already has what an earlier attempt sent, and then
    /// nothing is sent again (Slack: the message carrying the reply's key).</summary>
    public Func<CancellationToken, Task<bool>>? FindExisting { get; init; }

    public bool MayRepeatAfterDoubt => IsIdempotent || FindExisting is not null;
}
