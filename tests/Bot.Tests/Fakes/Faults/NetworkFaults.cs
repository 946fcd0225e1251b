using Microsoft.AspNetCore.Http;

namespace Newsdesk.Tests.Fakes.Faults;

/// <summary>The two network faults the fake platforms can play: a server that never answers, and a connection that
/// is cut mid-response. Both are real socket behaviour on loopback, seen by the bot's HttpClient as in production.</summary>
public static class NetworkFaults
{
    /// <summary>Holds the request open until the client gives up (its timeout closes the connection) or
    /// <paramref name="stopping"/> fires.</summary>
    public static async Task HangAsync(HttpContext context, CancellationToken stopping)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
        }
        context.Abort();
    }

    /// <summary>Promises a body, sends part of it, then aborts the TCP connection: the client sees the response end
    /// prematurely (an <see cref="HttpRequestException"/>).</summary>
    public static async Task DropAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = 200;
        await context.Response.WriteAsync("{\"ok\":true,");
        await context.Response.Body.FlushAsync();
        context.Abort();
    }
}
