using System.ServiceModel.Syndication;
using System.Xml;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Reads RSS 2.0 and Atom 1.0 with System.ServiceModel.Syndication (not by hand). No DTDs, so a feed cannot
/// expand entities or reach for external files; a malformed feed throws <see cref="FeedFetchException"/>.</summary>
public static class FeedParser
{
    public static IReadOnlyList<FeedItem> Parse(byte[] body)
    {
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
            var feed = SyndicationFeed.Load(reader);
            return feed.Items.Select(ToItem).Where(i => i is not null).Select(i => i!).ToList();
        }
        // NotSupportedException: an RSS version the reader does not know ("2.0)"), found by the fuzz suite.
        catch (Exception exception) when (exception is XmlException or FormatException or InvalidOperationException or NotSupportedException)
        {
            throw new FeedFetchException($"The feed is not valid RSS or Atom: {exception.Message}", exception);
        }
    }

    private static FeedItem? ToItem(SyndicationItem item)
    {
        var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri ?? item.Links.FirstOrDefault()?.Uri;
        if (link is { IsAbsoluteUri: false }) link = null;
        var title = item.Title?.Text?.Trim() ?? "";
        var content = item.Content switch
        {
            TextSyndicationContent text => text.Text,
            _ => item.Summary?.Text ?? "",
        };
        if (string.IsNullOrWhiteSpace(content)) content = item.Summary?.Text ?? "";
        var id = !string.IsNullOrWhiteSpace(item.Id) ? item.Id.Trim() : link?.AbsoluteUri;
        if (id is null || (title.Length == 0 && content.Length == 0)) return null;
        DateTimeOffset? published = item.PublishDate != default ? item.PublishDate
            : item.LastUpdatedTime != default ? item.LastUpdatedTime : null;
        return new FeedItem(id, link, title.Length > 0 ? title : "(untitled)", content, published);
    }
}
