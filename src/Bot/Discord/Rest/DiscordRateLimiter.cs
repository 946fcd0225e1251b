using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Newsdesk.Platform;

namespace Newsdesk.Discord.Rest;

/// <summary>Remembers what Discord said about rate limits and makes requests wait for them: per bucket
/// (<c>X-RateLimit-Bucket</c> + major parameter, exhausted when <c>X-RateLimit-Remaining</c> is 0) and global
/// (a 429 with <c>global: true</c>). The global limit is the bot's for requests with its token and the address's for
/// the rest (interaction and webhook calls, which the bot's global limit does not bind). Limits are read from headers,
/// never hard-coded (topics/rate-limits.mdx).</summary>
public sealed class DiscordRateLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, string> bucketOfRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> blockedUntil = new(StringComparer.Ordinal);
    private long botGlobalUntilTicks;
    private long addressGlobalUntilTicks;

    public async Task WaitAsync(DiscordRoute route, CancellationToken cancellationToken)
    {
        while (true)
        {
            var until = new DateTimeOffset(Interlocked.Read(ref route.IsAuthenticated ? ref botGlobalUntilTicks : ref addressGlobalUntilTicks), TimeSpan.Zero);
            if (blockedUntil.TryGetValue(BucketKey(route), out var bucketUntil) && bucketUntil > until) until = bucketUntil;
            var wait = until - time.GetUtcNow();
            if (wait <= TimeSpan.Zero) return;
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>Learns the route's bucket and, when the bucket is used up, blocks it until it resets.</summary>
    public void Observe(DiscordRoute route, HttpResponseHeaders headers)
    {
        if (Header(headers, "X-RateLimit-Bucket") is { } bucket) bucketOfRoute[route.Key] = bucket;
        if (Header(headers, "X-RateLimit-Remaining") == "0" && PlatformRetryPolicy.Seconds(Header(headers, "X-RateLimit-Reset-After")) is { } resetAfter)
            Block(route, resetAfter, isGlobal: false);
    }

    public void Block(DiscordRoute route, TimeSpan retryAfter, bool isGlobal)
    {
        var until = time.GetUtcNow() + retryAfter;
        if (isGlobal)
        {
            ref var global = ref route.IsAuthenticated ? ref botGlobalUntilTicks : ref addressGlobalUntilTicks;
            long current;
            do current = Interlocked.Read(ref global);
            while (until.UtcTicks > current && Interlocked.CompareExchange(ref global, until.UtcTicks, current) != current);
            return;
        }
        blockedUntil.AddOrUpdate(BucketKey(route), until, (_, existing) => existing > until ? existing : until);
    }

    private string BucketKey(DiscordRoute route) =>
        bucketOfRoute.TryGetValue(route.Key, out var bucket) ? $"{bucket}|{route.MajorParameter}" : route.Key;

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
