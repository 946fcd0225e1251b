using System.Text;
using Newsdesk.Corpus;
using Newsdesk.Corpus.Feeds;

namespace Newsdesk.Tests.Hostile;

/// <summary>Properties of what reads outside input, over seeded random and mutated inputs (a few seconds each): the
/// feed parser either returns items or throws its own <see cref="FeedFetchException"/>, never anything else, and never
/// expands an entity; the HTML and text cleaners and the article extractor never throw. A failing input found here is
/// kept below as a regression case.</summary>
public sealed class ParserFuzzTests
{
    private const int Seed = 20261130;
    private const int Cases = 3000;
    private static readonly string[] Extensions = [".html", ".txt", ".md"];

    private const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Music news</title><link>https://news.example/</link><description>d</description>
        <item><title>Harbour Records signs with Tidewave</title><link>https://news.example/a</link><guid>a1</guid>
        <pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate><description><![CDATA[<p>The label &amp; the <b>service</b> agreed.</p>]]></description></item>
        <item><title>Second &amp; story</title><link>https://news.example/b</link><description>Plain text.</description></item>
        </channel></rss>
        """;

    private const string Atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Music news</title><id>urn:x</id><updated>2025-03-04T10:00:00Z</updated>
        <entry><title type="html">Harbour &lt;b&gt;Records&lt;/b&gt;</title><id>urn:a</id><updated>2025-03-04T10:00:00Z</updated>
        <link href="https://news.example/a"/><content type="html">&lt;p&gt;The deal.&lt;/p&gt;</content></entry></feed>
        """;

    private const string Page = """
        <html><head><title>Harbour Records</title><script>alert(1)</script></head><body><nav>Home | News</nav>
        <article><h1>Harbour Records signs</h1><p>The Bristol label signed a deal worth 2.5 million pounds.</p>
        <p>Chief executive Maria Okafor said it was fair.</p></article><footer>© News</footer></body></html>
        """;

    /// <summary>Entity tricks: a billion laughs, an external entity, a parameter entity, stray and out-of-range
    /// character references.</summary>
    public static TheoryData<string> EntityTricks() =>
    [
        """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rss version="2.0"><channel><title>&c;</title><item><title>&c;</title></item></channel></rss>""",
        """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>t</title><item><title>&x;</title></item></channel></rss>""",
        """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "http://169.254.169.254/latest/meta-data/"> %p;]><rss version="2.0"><channel><title>t</title></channel></rss>""",
        """<rss version="2.0"><channel><title>&#0;&#x110000;&undefined;</title></channel></rss>""",
        """<rss version="2.0"><channel><title>t</title><item><title><![CDATA[<![CDATA[x]]>]]></title></item></channel></rss>""",
        """<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">&nbsp;</div></title></entry></feed>""",
        // Regression, seed 20261130 case 138: an unknown RSS version threw NotSupportedException past the parser.
        """<?xml version="1.0" encoding="utf-8"?><rss version="2.0)"><channel><title>Music news</title></channel></rss>""",
    ];

    [Theory]
    [MemberData(nameof(EntityTricks))]
    public void AnEntityTrickIsRefusedOrReadWithoutExpansion(string feed)
    {
        var items = ParseOrRefuse(Encoding.UTF8.GetBytes(feed));
        Assert.All(items ?? [], item => Assert.DoesNotContain("aaaaaaaaaa", item.Title, StringComparison.Ordinal));
    }

    [Fact]
    public void RandomAndMutatedFeedsAreReadOrRefusedNeverThrownOtherwise()
    {
        var text = new HostileText(Seed);
        byte[][] valid = [Encoding.UTF8.GetBytes(Rss), Encoding.UTF8.GetBytes(Atom)];
        for (var i = 0; i < Cases; i++)
        {
            var body = i % 5 == 0 ? text.RandomBytes(2048) : text.Mutate(valid[i % 2]);
            var items = ParseOrRefuse(body, $"case {i}");
            Assert.All(items ?? [], item => ArticleExtractor.Extract(item.Link, null, null, item));
        }
    }

    [Fact]
    public void TheCleanersAndTheArticleExtractorNeverThrow()
    {
        var text = new HostileText(Seed + 1);
        var item = new FeedItem("a1", new Uri("https://news.example/a"), "Harbour", "Feed text.", null);
        var page = Encoding.UTF8.GetBytes(Page);
        for (var i = 0; i < Cases; i++)
        {
            var mutated = text.Mutate(page);
            var content = i % 3 == 0 ? text.Markup(200) : Encoding.UTF8.GetString(mutated);
            foreach (var extension in Extensions)
                _ = DocumentCleaner.Clean(content, extension);
            _ = ArticleExtractor.Extract(item.Link, mutated, null, item);
        }
    }

    private static IReadOnlyList<FeedItem>? ParseOrRefuse(byte[] body, string? label = null)
    {
        try
        {
            return FeedParser.Parse(body).Items;
        }
        catch (FeedFetchException)
        {
            return null;
        }
        catch (Exception exception)
        {
            Assert.Fail($"{label}: {exception.GetType().Name}: {exception.Message}\n{Convert.ToBase64String(body)}");
            return null;
        }
    }
}
