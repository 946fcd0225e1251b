using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Newsdesk.Corpus.Feeds;

namespace Newsdesk.Corpus;

/// <summary>Finds an article's publication date, in order of trust: the feed item's date, the page's metadata
/// (<c>article:published_time</c> and its relatives), front matter (<c>date:</c> between <c>---</c> lines), a date
/// line near the top of the text ("Published: 3 July 2007"). None found is an answer too: a brief then marks the
/// article's relative dates as undated instead of guessing.</summary>
public static partial class PublicationDateReader
{
    public const string Feed = "feed", HtmlMetadata = "html-meta", FrontMatter = "front-matter", DateLine = "date-line";

    // Only the top of a text is a date line; a date further down is an event in the story.
    private const int DateLineWindow = 6;

    private static readonly string[] MetaSelectors =
    [
        "meta[property='article:published_time']", "meta[name='article:published_time']", "meta[itemprop='datePublished']",
        "meta[name='pubdate']", "meta[name='publishdate']", "meta[name='date']", "meta[name='dc.date']", "meta[name='DC.date.issued']",
        "meta[property='og:published_time']", "time[pubdate]",
    ];

    public static PublicationDate? Read(string content, string extension, DateTimeOffset? feedDate = null)
    {
        if (feedDate is { } fromFeed) return new PublicationDate(fromFeed, Feed);
        var isHtml = extension.Equals(".html", StringComparison.OrdinalIgnoreCase) || extension.Equals(".htm", StringComparison.OrdinalIgnoreCase);
        if (isHtml) return FromHtml(content);
        return FromFrontMatter(content) ?? FromDateLine(content);
    }

    private static PublicationDate? FromHtml(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var selector in MetaSelectors)
        {
            var element = document.QuerySelector(selector);
            var value = element?.GetAttribute("content") ?? element?.GetAttribute("datetime");
            if (FeedDates.TryParse(value, out var date)) return new PublicationDate(date, HtmlMetadata);
        }
        return null;
    }

    private static PublicationDate? FromFrontMatter(string text)
    {
        var match = FrontMatterDate().Match(text);
        return match.Success && FeedDates.TryParse(match.Groups["date"].Value.Trim().Trim('"', '\''), out var date)
            ? new PublicationDate(date, FrontMatter) : null;
    }

    private static PublicationDate? FromDateLine(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(l => l.Trim()).Where(l => l.Length > 0).Take(DateLineWindow);
        foreach (var line in lines)
        {
            var match = DateLinePattern().Match(line);
            if (match.Success && FeedDates.TryParse(match.Groups["date"].Value, out var date)) return new PublicationDate(date, DateLine);
        }
        return null;
    }

    [GeneratedRegex(@"\A\uFEFF?---\s*\n(?:.*\n)*?(?:date|published|pubDate|published_at)\s*:\s*(?<date>[^\n]+)\n(?:.*\n)*?---", RegexOptions.IgnoreCase)]
    private static partial Regex FrontMatterDate();

    // "Published: 3 July 2007", "Monday 2 July 2007 10:15 GMT", "2007-07-02", "Last updated: 2 Jul 2007": the whole
    // line is the date (with an optional label and weekday), not a sentence that mentions one.
    [GeneratedRegex(@"^(?:(?:published|posted|updated|last updated|date)\s*(?:on)?\s*:?\s*)?(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?(?<date>\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+[A-Z]{2,4}|\s*[+-]\d{2}:?\d{2})?)?|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DateLinePattern();
}
