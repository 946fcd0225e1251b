using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Newsdesk.Tests.Fakes.Feeds;

/// <summary>News feeds on loopback built from ../shared/corpus articles: RSS or Atom (written with the syndication
/// library), items appearing as the shared clock passes their time, strong ETags honoured with 304, article pages at
/// /articles/{id}.html, and misbehaving feeds (broken XML, a feed that never answers, an oversized one, one that
/// rewrites every GUID and date on each request). An article can be made oversized too.</summary>
public sealed class FakeFeedServer(WebApplication app, TimeProvider clock) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, FakeFeed> feeds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BbcArticle> articles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> oversizedArticles = new(StringComparer.Ordinal);

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeFeedServer> StartAsync(TimeProvider clock)
    {
        var app = LoopbackApp.Create();
        var server = new FakeFeedServer(app, clock);
        app.MapGet("/feeds/{name}", (HttpContext context, string name) => server.FeedAsync(context, name));
        app.MapGet("/articles/{id}.html", (HttpContext context, string id) => server.ArticleAsync(context, id));
        app.MapGet("/samples/{**path}", (HttpContext context, string path) => SampleAsync(context, path));
        server.BaseUrl = await LoopbackApp.StartAsync(app);
        return server;
    }

    public FakeFeed AddFeed(string name, FeedFormat format = FeedFormat.Rss, FeedBehaviour behaviour = FeedBehaviour.Normal) =>
        feeds[name] = new FakeFeed(name, format, behaviour);

    public void AddItem(string feed, BbcArticle article, DateTimeOffset appearsAt)
    {
        articles[article.Id] = article;
        lock (feeds[feed].Items) feeds[feed].Items.Add((article, appearsAt));
    }

    public void MakeArticleOversized(BbcArticle article) => oversizedArticles[article.Id] = true;

    public Uri FeedUrl(string name) => new(BaseUrl, $"feeds/{name}");

    public Uri ArticleUrl(BbcArticle article) => new(BaseUrl, $"articles/{article.Id}.html");

    public FakeFeed Feed(string name) => feeds[name];

    /// <summary>A file from <c>Samples/</c>: feeds of the kinds found in the wild, and article pages in other
    /// encodings. A page saved as <c>NAME.latin1-header.html</c> is served as <c>NAME.html</c> with its charset in the
    /// HTTP header only; other pages declare theirs (if at all) in a meta tag.</summary>
    public Uri SampleUrl(string name) => new(BaseUrl, $"samples/{name}");

    public static string SamplesFolder => Path.Combine(AppContext.BaseDirectory, "Fakes", "Feeds", "Samples");

    private static async Task SampleAsync(HttpContext context, string path)
    {
        var file = Path.GetFullPath(Path.Combine(SamplesFolder, path));
        var headerCharset = Path.ChangeExtension(file, ".latin1-header.html");
        if (path.EndsWith(".html", StringComparison.Ordinal) && File.Exists(headerCharset))
        {
            context.Response.ContentType = "text/html; charset=ISO-8859-1";
            await context.Response.Body.WriteAsync(await File.ReadAllBytesAsync(headerCharset));
            return;
        }
        if (!file.StartsWith(SamplesFolder, StringComparison.Ordinal) || !File.Exists(file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.ContentType = path.EndsWith(".html", StringComparison.Ordinal) ? "text/html" : "application/xml";
        await context.Response.Body.WriteAsync(await File.ReadAllBytesAsync(file));
    }

    private async Task FeedAsync(HttpContext context, string name)
    {
        var feed = feeds[name];
        var request = feed.CountRequest();
        switch (feed.Behaviour)
        {
            case FeedBehaviour.Slow:
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case FeedBehaviour.Broken:
                context.Response.ContentType = "application/rss+xml";
                await context.Response.WriteAsync("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Broken</title><item><title>Half an it");
                return;
        }
        var body = Render(feed, request);
        if (feed.Behaviour == FeedBehaviour.Oversized) body += new string(' ', 3 * 1024 * 1024);
        var etag = "\"" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..16] + "\"";
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            feed.CountNotModified();
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        context.Response.Headers.ETag = etag;
        context.Response.ContentType = feed.Format == FeedFormat.Rss ? "application/rss+xml" : "application/atom+xml";
        await context.Response.WriteAsync(body);
    }

    private string Render(FakeFeed feed, int request)
    {
        var now = clock.GetUtcNow();
        List<(BbcArticle Article, DateTimeOffset AppearsAt)> visible;
        lock (feed.Items) visible = feed.Items.Where(i => i.AppearsAt <= now).OrderByDescending(i => i.AppearsAt).ToList();
        var rewrite = feed.Behaviour == FeedBehaviour.RewritesGuids;
        var items = visible.Select(i => new SyndicationItem(i.Article.Title, i.Article.Paragraphs[0], ArticleUrl(i.Article),
            rewrite ? $"urn:rewritten:{request}:{i.Article.Id}" : $"urn:bbc:{i.Article.Id}", rewrite ? now : i.AppearsAt)
        {
            PublishDate = rewrite ? now : i.AppearsAt,
        });
        var syndication = new SyndicationFeed($"{feed.Name} news", "Test feed", BaseUrl, $"urn:feed:{feed.Name}",
            rewrite ? now : visible.Select(i => i.AppearsAt).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max(), items);
        using var bytes = new MemoryStream();
        using (var writer = XmlWriter.Create(bytes, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            if (feed.Format == FeedFormat.Rss) new Rss20FeedFormatter(syndication).WriteTo(writer);
            else new Atom10FeedFormatter(syndication).WriteTo(writer);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private async Task ArticleAsync(HttpContext context, string id)
    {
        if (!articles.TryGetValue(id, out var article))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        var html = article.Html();
        if (oversizedArticles.ContainsKey(id)) html = html.Replace("</body>", "<!--" + new string('x', 3 * 1024 * 1024) + "--></body>", StringComparison.Ordinal);
        await context.Response.WriteAsync(html);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
