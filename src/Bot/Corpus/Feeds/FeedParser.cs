using System.Xml;
using System.Xml.Linq;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Reads RSS 0.9x and 2.0, RSS 1.0 (RDF) and Atom, item by item: an item that cannot be read is skipped and
/// counted, never the whole feed (a syndication library rejects the feed for one bad date, and reads no RDF). The
/// full text (<c>content:encoded</c>, Atom <c>content</c>) is preferred to the teaser; relative links are resolved
/// against <c>xml:base</c>, the channel's link or the feed's own address; enclosures are never taken for the article.
/// No DTDs, so a feed cannot expand entities or reach for external files; XML that is not well-formed throws
/// <see cref="FeedFetchException"/>.</summary>
public static class FeedParser
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";
    private static readonly XName XmlBase = XNamespace.Xml + "base";

    public static ParsedFeed Parse(byte[] body, Uri? feedUrl = null)
    {
        var document = Load(body);
        var root = document.Root ?? throw new FeedFetchException("The feed is empty");
        var (entries, channelLink) = root.Name.LocalName switch
        {
            "rss" => (root.Element("channel")?.Elements("item") ?? [], Absolute(root.Element("channel")?.Element("link")?.Value, feedUrl)),
            "RDF" when root.Name.Namespace == Rdf => (root.Elements().Where(e => e.Name.LocalName == "item"),
                Absolute(root.Elements().FirstOrDefault(e => e.Name.LocalName == "channel")?.Elements().FirstOrDefault(e => e.Name.LocalName == "link")?.Value, feedUrl)),
            "feed" => (root.Elements().Where(e => e.Name.LocalName == "entry"), Base(root, feedUrl)),
            _ => throw new FeedFetchException($"The document is not RSS, RDF or Atom (its root is <{root.Name.LocalName}>)"),
        };
        var items = new List<FeedItem>();
        var skipped = 0;
        foreach (var entry in entries)
        {
            var item = root.Name.LocalName == "feed" ? ReadAtomEntry(entry, channelLink) : ReadRssItem(entry, channelLink);
            if (item is null) skipped++;
            else items.Add(item);
        }
        return new ParsedFeed(items, skipped, FeedTitle(root));
    }

    private static string? FeedTitle(XElement root)
    {
        var title = root.Name.LocalName == "feed"
            ? AtomText(Child(root, "title"))?.Value
            : root.Elements().FirstOrDefault(e => e.Name.LocalName == "channel")?.Elements().FirstOrDefault(e => e.Name.LocalName == "title")?.Value;
        title = System.Net.WebUtility.HtmlDecode(title ?? "").Trim();
        return title.Length > 0 ? title : null;
    }

    private static XDocument Load(byte[] body)
    {
        // A feed may declare Windows-1252 or another code page that .NET only reads once they are registered.
        TextEncodings.EnsureCodePages();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
        };
        try
        {
            using var stream = new MemoryStream(body);
            using var reader = XmlReader.Create(stream, settings);
            return XDocument.Load(reader);
        }
        catch (XmlException) when (TextEncodings.IsMixedUtf8(body))
        {
            // Declared (or assumed) UTF-8 but carrying stray Latin-1 bytes, as pasted text often is: read each stray
            // byte as Windows-1252 rather than lose the feed.
            using var reader = XmlReader.Create(new StringReader(TextEncodings.DecodeMixedUtf8(body)), settings);
            return Loaded(reader);
        }
        catch (XmlException exception)
        {
            throw new FeedFetchException($"The feed is not well-formed XML: {exception.Message}", exception);
        }
    }

    private static XDocument Loaded(XmlReader reader)
    {
        try
        {
            return XDocument.Load(reader);
        }
        catch (XmlException exception)
        {
            throw new FeedFetchException($"The feed is not well-formed XML: {exception.Message}", exception);
        }
    }

    private static FeedItem? ReadRssItem(XElement item, Uri? baseUrl)
    {
        var link = Absolute(Child(item, "link")?.Value, baseUrl);
        var guid = Child(item, "guid")?.Value.Trim() is { Length: > 0 } g ? g : item.Attribute(Rdf + "about")?.Value.Trim();
        var text = FirstText(item.Element(Content + "encoded"), Child(item, "description"));
        var date = Child(item, "pubDate") ?? item.Element(DublinCore + "date");
        return Item(guid, link, Child(item, "title")?.Value, text, date?.Value);
    }

    private static FeedItem? ReadAtomEntry(XElement entry, Uri? feedBase)
    {
        var baseUrl = Base(entry, feedBase);
        var links = entry.Elements().Where(e => e.Name.LocalName == "link").ToList();
        var alternate = links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate" && (string?)l.Attribute("type") is null or "text/html")
            ?? links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate");
        var link = Absolute((string?)alternate?.Attribute("href"), alternate is null ? baseUrl : Base(alternate, baseUrl));
        var text = FirstText(AtomText(Child(entry, "content")), AtomText(Child(entry, "summary")));
        var date = Child(entry, "published") ?? Child(entry, "updated") ?? Child(entry, "issued") ?? Child(entry, "modified");
        return Item(Child(entry, "id")?.Value.Trim(), link, AtomText(Child(entry, "title"))?.Value, text, date?.Value);
    }

    private static FeedItem? Item(string? id, Uri? link, string? title, string text, string? date)
    {
        id = !string.IsNullOrWhiteSpace(id) ? id : link?.AbsoluteUri;
        title = System.Net.WebUtility.HtmlDecode(title ?? "").Trim();
        if (id is null || (title.Length == 0 && string.IsNullOrWhiteSpace(text))) return null;
        DateTimeOffset? published = null;
        if (!string.IsNullOrWhiteSpace(date))
        {
            if (!FeedDates.TryParse(date, out var parsed)) return null;
            published = parsed;
        }
        return new FeedItem(id, link, title.Length > 0 ? title : "(untitled)", text.Trim(), published);
    }

    /// <summary>Atom text constructs: xhtml content is markup inside a div, the others are the element's text.</summary>
    private static XElement? AtomText(XElement? element)
    {
        if (element is null || (string?)element.Attribute("type") != "xhtml") return element;
        var div = element.Elements().FirstOrDefault();
        return new XElement("xhtml", div is null ? "" : string.Concat(div.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting))));
    }

    private static string FirstText(params XElement?[] candidates) =>
        candidates.Select(c => c?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? "";

    /// <summary>A child by local name in the element's own namespace or none: RSS 0.9x/2.0 have no namespace, RSS 1.0
    /// and Atom 0.3/1.0 each have one.</summary>
    private static XElement? Child(XElement parent, string localName) =>
        parent.Element(parent.Name.Namespace + localName) ?? parent.Element(localName)
        ?? (parent.Name.Namespace == Atom ? null : parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName && e.Name.Namespace != DublinCore && e.Name.Namespace != Content));

    private static Uri? Base(XElement element, Uri? inherited)
    {
        var declared = (string?)element.Attribute(XmlBase);
        return declared is null ? inherited : Absolute(declared, inherited) ?? inherited;
    }

    private static Uri? Absolute(string? value, Uri? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        Uri? url;
        // "/path" is relative on the web; .NET on Unix would read it as an absolute file path.
        var isRelative = value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal);
        if ((isRelative || !Uri.TryCreate(value, UriKind.Absolute, out url)) && (baseUrl is null || !Uri.TryCreate(baseUrl, value, out url))) return null;
        return url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps ? url : null;
    }
}
