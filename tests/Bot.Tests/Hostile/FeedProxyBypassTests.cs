using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Newsdesk.Corpus.Feeds;

namespace Newsdesk.Tests.Hostile;

/// <summary>With a proxy configured (as HTTP_PROXY does), the connection check saw only the proxy's address and the
/// proxy was handed the metadata service's URL. A feed fetch now goes direct unless a setting asks for the proxy, and
/// with it checks each target's resolved address before asking.</summary>
[Collection(ProcessWideCollection.Name)]
public sealed class FeedProxyBypassTests
{
    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", false)]
    [InlineData("http://10.1.2.3/feed.xml", false)]
    [InlineData("http://169.254.169.254/latest/meta-data/", true)]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/latest/meta-data/", true)]
    public async Task AnInsideAddressIsNeverHandedToAProxy(string url, bool proxyAllowed)
    {
        using var proxy = new RecordingProxy();
        var previous = HttpClient.DefaultProxy;
        // Loopback bypasses it, so tests running meanwhile are not routed through it.
        HttpClient.DefaultProxy = new WebProxy(proxy.Address) { BypassProxyOnLocal = true };
        try
        {
            // Bound from configuration, as the bot binds it (the proxy setting is a key like any other).
            var options = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["FeedAllowLoopback"] = "true",
                ["FeedUseProxy"] = proxyAllowed ? "true" : "false",
            }).Build().Get<FeedOptions>()!;
            using var fetcher = new FeedFetcher(Options.Create(options));

            await Assert.ThrowsAsync<FeedFetchException>(() => fetcher.GetAsync(new Uri(url), 1 << 20, null, null, CancellationToken.None));
        }
        finally
        {
            HttpClient.DefaultProxy = previous;
        }
        Assert.Empty(proxy.RequestLines);
    }

    /// <summary>A forward proxy on loopback that answers every request 200 and records its request line.</summary>
    private sealed class RecordingProxy : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stopping = new();

        public RecordingProxy()
        {
            listener.Start();
            _ = AcceptAsync();
        }

        public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

        public List<string> RequestLines { get; } = [];

        private async Task AcceptAsync()
        {
            try
            {
                while (!stopping.IsCancellationRequested)
                {
                    using var client = await listener.AcceptTcpClientAsync(stopping.Token);
                    var stream = client.GetStream();
                    var buffer = new byte[8192];
                    var read = await stream.ReadAsync(buffer, stopping.Token);
                    lock (RequestLines) RequestLines.Add(Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0]);
                    await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"u8.ToArray(), stopping.Token);
                }
            }
            catch (OperationCanceledException) { }
        }

        public void Dispose()
        {
            stopping.Cancel();
            listener.Stop();
            stopping.Dispose();
        }
    }
}
