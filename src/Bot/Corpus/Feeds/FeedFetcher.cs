using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Newsdesk.Corpus.Feeds;

/// <summary>The only way feeds and article pages are fetched: http(s) only, redirects followed by hand (at most five,
/// each checked), every connection checked against <see cref="AddressGuard"/>, bodies capped in bytes and time.</summary>
public sealed class FeedFetcher : IDisposable
{
    private const int MaxRedirects = 5;
    private readonly HttpClient client;
    private readonly FeedOptions settings;

    public FeedFetcher(IOptions<FeedOptions> options)
    {
        settings = options.Value;
        var allowLoopback = settings.FeedAllowLoopback;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // Through a proxy the connection callback sees only the proxy's address, and the proxy dials whatever the
            // URL names (169.254.169.254 included). So no proxy (HTTP_PROXY and the system's are ignored) unless a
            // setting asks for one, and then every hop's target is resolved and checked before it is requested.
            UseProxy = settings.FeedUseProxy,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
                var allowed = addresses.Where(a => AddressGuard.IsAllowed(a, allowLoopback)).ToArray();
                if (allowed.Length == 0)
                    throw new FeedFetchException($"{context.DnsEndPoint.Host} resolves only to addresses feeds may not reach");
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        // The deadline is enforced per request below, over headers and body together.
        client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Newsdesk/1.0 (+feed reader)");
    }

    public async Task<FetchedResource> GetAsync(Uri url, int maxBytes, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            throw new FeedFetchException($"Only http and https are fetched, not {url.Scheme}");
        // A network deadline measures the wire, not the schedule: it stays on the real clock even when tests fake
        // the scheduling clock.
        using var deadline = new CancellationTokenSource(settings.FeedFetchTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var current = url;
            for (var hop = 0; ; hop++)
            {
                if (settings.FeedUseProxy) await EnsureTargetAllowedAsync(current, linked.Token);
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                if (etag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                if (lastModified is not null) request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                if ((int)response.StatusCode is >= 300 and < 400 && response.StatusCode != HttpStatusCode.NotModified)
                {
                    var target = response.Headers.Location is { } location ? new Uri(current, location) : null;
                    if (target is null || hop >= MaxRedirects || !AddressGuard.IsAllowedRedirect(current, target))
                        throw new FeedFetchException($"Refused redirect from {current.Host} ({(int)response.StatusCode})");
                    current = target;
                    continue;
                }
                if (response.StatusCode == HttpStatusCode.NotModified)
                    return new FetchedResource(response.StatusCode, null, etag, lastModified, current);
                if (!response.IsSuccessStatusCode)
                    throw new FeedFetchException($"{current.Host} answered {(int)response.StatusCode}");
                var body = await ReadCappedAsync(response.Content, maxBytes, linked.Token);
                return new FetchedResource(response.StatusCode, body, response.Headers.ETag?.ToString(),
                    response.Content.Headers.LastModified?.ToString("R"), current, response.Content.Headers.ContentType?.CharSet);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new FeedFetchException($"{url.Host} did not answer within {settings.FeedFetchTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException exception)
        {
            throw new FeedFetchException($"{url.Host} could not be fetched: {exception.InnerException?.Message ?? exception.Message}", exception);
        }
    }

    private async Task EnsureTargetAllowedAsync(Uri target, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(target.IdnHost, cancellationToken);
        if (addresses.Length == 0 || !addresses.All(a => AddressGuard.IsAllowed(a, settings.FeedAllowLoopback)))
            throw new FeedFetchException($"{target.Host} resolves to addresses feeds may not reach");
    }

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes) throw new FeedFetchException($"Body of {content.Headers.ContentLength} bytes is over the {maxBytes}-byte limit");
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw new FeedFetchException($"Body is over the {maxBytes}-byte limit");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public void Dispose() => client.Dispose();
}
