using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Newsdesk.Platform;

/// <summary>The one retry loop for calls to Discord and Slack, on the injected clock. A 429 is waited out for as
/// long as the platform says (the body's <c>retry_after</c>, else the <c>Retry-After</c> header: docs/protocols.md,
/// "Rate limits"); a 5xx or a network failure is retried after an exponential backoff with jitter, so many
/// instances that failed together do not retry together. A call that is not idempotent is never repeated blindly
/// after an outcome in which the platform may have acted: only when it can be looked up first, or when the
/// connection failed before anything was sent.</summary>
public sealed class PlatformRetryPolicy(TimeProvider time, ILogger<PlatformRetryPolicy> logger, Random? random = null)
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>Assumed when a 429 carries neither a body field nor a header.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>Doubling from <see cref="FirstBackoff"/> up to <see cref="MaxBackoff"/>, less up to half of it at
    /// random ("equal jitter"): never longer than the plain doubling, never shorter than half of it.</summary>
    public TimeSpan Backoff(int retry)
    {
        var full = Math.Min(MaxBackoff.TotalSeconds, FirstBackoff.TotalSeconds * Math.Pow(2, Math.Min(retry - 1, 16)));
        return TimeSpan.FromSeconds(full * (1 - 0.5 * (random ?? Random.Shared).NextDouble()));
    }

    /// <summary>How long a 429 asks us to wait: Discord's body field <c>retry_after</c> (seconds, a float, more
    /// precise), else the <c>Retry-After</c> header (seconds or an HTTP date), else <see cref="DefaultRetryAfter"/>.</summary>
    public TimeSpan RetryAfter(HttpResponseMessage response, string body)
    {
        if (body.TrimStart().StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.TryGetProperty("retry_after", out var value) && value.TryGetDouble(out var seconds) && seconds >= 0)
                    return TimeSpan.FromSeconds(seconds);
            }
            catch (JsonException)
            {
            }
        }
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date > time.GetUtcNow() ? date - time.GetUtcNow() : TimeSpan.Zero;
        return response.Headers.TryGetValues("Retry-After", out var values) && Seconds(values.FirstOrDefault()) is { } parsed ? parsed : DefaultRetryAfter;
    }

    public static TimeSpan? Seconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;

    /// <summary>Sends the call until it succeeds, fails in a way a retry cannot mend (a 4xx), or runs out of
    /// retries; the caller turns a failed <see cref="PlatformResponse"/> into its platform's error. A network failure
    /// or timeout that may not be repeated is thrown as it came.</summary>
    public async Task<PlatformResponse> SendAsync(PlatformCall call, CancellationToken cancellationToken)
    {
        for (int transient = 0, rateLimited = 0; ; )
        {
            if (call.BeforeAttemptAsync is { } before) await before(cancellationToken);
            TimeSpan wait;
            bool mayHaveLanded;
            try
            {
                using var response = await call.Client.SendAsync(call.Build(), cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                call.Observe?.Invoke(response.Headers);
                if (response.IsSuccessStatusCode) return new PlatformResponse(response.StatusCode, body);
                if (response.StatusCode == HttpStatusCode.TooManyRequests && rateLimited++ < call.MaxRateLimitRetries)
                {
                    // Nothing was done, so even a post may be sent again.
                    wait = RetryAfter(response, body);
                    call.OnRateLimited?.Invoke(wait, response, body);
                    logger.LogWarning("{Call} was rate-limited; retrying in {Seconds:0.###} s", call.Name, wait.TotalSeconds);
                    mayHaveLanded = false;
                }
                else if ((int)response.StatusCode >= 500 && call.MayRepeatAfterDoubt && transient < call.MaxTransientRetries)
                {
                    wait = Backoff(++transient);
                    logger.LogWarning("{Call} answered {Status}; retry {Retry} in {Seconds:0.###} s", call.Name, (int)response.StatusCode, transient, wait.TotalSeconds);
                    mayHaveLanded = true;
                }
                else return new PlatformResponse(response.StatusCode, body);
            }
            catch (HttpRequestException error) when (transient < call.MaxTransientRetries && (call.MayRepeatAfterDoubt || IsNeverSent(error)))
            {
                wait = Backoff(++transient);
                logger.LogWarning("{Call} failed ({Error}); retry {Retry} in {Seconds:0.###} s", call.Name, error.HttpRequestError, transient, wait.TotalSeconds);
                mayHaveLanded = !IsNeverSent(error);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && call.FindExisting is not null && transient < call.MaxTransientRetries)
            {
                // The HttpClient's own timeout, not our caller giving up: the platform may have acted, so look first.
                wait = Backoff(++transient);
                logger.LogWarning("{Call} timed out; looking for it before retry {Retry} in {Seconds:0.###} s", call.Name, transient, wait.TotalSeconds);
                mayHaveLanded = true;
            }
            await Task.Delay(wait, time, cancellationToken);
            if (mayHaveLanded && call.FindExisting is { } find && await find(cancellationToken))
                return new PlatformResponse(HttpStatusCode.OK, "", WasFoundExisting: true);
        }
    }

    /// <summary>The connection was never made (refused, no route, name not found): the request did not leave.</summary>
    private static bool IsNeverSent(HttpRequestException error) =>
        error.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;
}
