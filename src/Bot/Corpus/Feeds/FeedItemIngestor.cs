using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Turns one feed item into a stored document: article page (guarded fetch) or feed text, cleaned, split,
/// embedded and saved with its title, link, publication time and feed name, so citations link to the article.</summary>
public sealed class FeedItemIngestor(
    FeedFetcher fetcher,
    IFeedItemStore items,
    DocumentIngestor ingestor,
    IOptions<FeedOptions> feedOptions,
    TimeProvider time,
    ILogger<FeedItemIngestor> logger)
{
    public const string Origin = "feed";

    /// <summary>Stores the item unless it is known; returns true when it became a new document.</summary>
    public async Task<bool> IngestAsync(string feedUrl, string feedName, FeedItem item, bool isNew, CancellationToken cancellationToken)
    {
        if (await items.IsKnownAsync(feedUrl, item.Id, item.Link, cancellationToken)) return false;

        FetchedResource? page = null;
        if (item.Link is not null && feedOptions.Value.FeedFetchArticles)
        {
            try
            {
                page = await fetcher.GetAsync(item.Link, feedOptions.Value.ArticleMaxBytes, null, null, cancellationToken);
            }
            catch (FeedFetchException exception)
            {
                logger.LogInformation("Article page for {Title} not used ({Reason}); using the feed's text", item.Title, exception.Message);
            }
        }
        var clean = ArticleExtractor.Extract(page?.FinalUrl ?? item.Link, page?.Body, page?.Charset, item);
        var source = item.Link?.AbsoluteUri ?? $"feed:{feedUrl}#{item.Id}";
        var hash = ContentHash(clean);
        var arrived = time.GetUtcNow();
        if (clean.IsEmpty || await items.HasContentAsync(hash, cancellationToken))
        {
            // Same words under a new GUID or link (or nothing to store): remember it, announce nothing.
            await items.AddAsync(feedUrl, item, hash, source, feedName, arrived, isNew: false, cancellationToken);
            return false;
        }

        var published = item.PublishedAt is not null || page?.Body is null
            ? PublicationDateReader.Read(item.Content, ".txt", item.PublishedAt)
            : PublicationDateReader.Read(TextEncodings.DecodePage(page.Body, page.Charset), ".html");
        var record = new DocumentRecord(source, Origin, clean.Title, item.Link, hash, published?.Value, feedName) { PublishedFrom = published?.From };
        await ingestor.IngestAsync(new DocumentDraft(record, clean)
        {
            OnSaved = saved => items.AddAsync(feedUrl, item, hash, source, feedName, arrived, isNew, saved),
        }, cancellationToken);
        return true;
    }

    /// <summary>Hash of the article's words only (not GUID, link, dates or markup), so re-published copies match.</summary>
    public static string ContentHash(CleanDocument document)
    {
        var words = string.Join(' ', document.Paragraphs).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(' ', words).ToLowerInvariant())));
    }
}
