using SmartReader;

namespace Newsdesk.Corpus.Feeds;

/// <summary>The main text of an article page, by readability (SmartReader), then cleaned like any corpus HTML. The page
/// is decoded by its declared charset (<see cref="TextEncodings.DecodePage"/>). A page that is not readable, or yields
/// fewer words than the feed's own text (a feed that carries the full article), gives way to the feed's text.</summary>
public static class ArticleExtractor
{
    // Below this many words the page extraction is likely a cookie wall or a teaser, not the article.
    private const int MinimumWords = 60;

    public static CleanDocument Extract(Uri? pageUrl, byte[]? page, string? charset, FeedItem item)
    {
        var fromFeed = FromFeed(item);
        if (pageUrl is null || page is null) return fromFeed;
        try
        {
            var article = new Reader(pageUrl.AbsoluteUri, TextEncodings.DecodePage(page, charset)).GetArticle();
            if (!article.IsReadable || string.IsNullOrWhiteSpace(article.Content)) return fromFeed;
            var clean = DocumentCleaner.Clean(article.Content, ".html");
            var words = clean.Paragraphs.Sum(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            var feedWords = fromFeed.Paragraphs.Sum(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            if (words < MinimumWords || words < feedWords) return fromFeed;
            return new CleanDocument(item.Title, clean.Paragraphs);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Readability on hostile markup can fail in many ways; the feed's own text is always there.
            return fromFeed;
        }
    }

    private static CleanDocument FromFeed(FeedItem item)
    {
        var looksLikeHtml = item.Content.Contains('<', StringComparison.Ordinal) && item.Content.Contains('>', StringComparison.Ordinal);
        var clean = DocumentCleaner.Clean(looksLikeHtml ? $"<html><body>{item.Content}</body></html>" : item.Content, looksLikeHtml ? ".html" : ".txt");
        return new CleanDocument(item.Title, clean.Paragraphs);
    }
}
