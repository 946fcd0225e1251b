using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Newsdesk.Corpus;

/// <summary>Reads an HTML page into blocks (with each block's link density) and its declared title.</summary>
public static class HtmlBlocks
{
    private static readonly HashSet<string> Invisible = new(StringComparer.OrdinalIgnoreCase)
    { "script", "style", "noscript", "template", "svg", "iframe", "form", "button", "select", "head" };

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "dd", "dt", "pre", "figcaption",
        "section", "article", "header", "footer", "nav", "aside", "main", "ul", "ol", "table", "tr", "br",
    };

    public static (IReadOnlyList<TextBlock> Blocks, string? Title) Read(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var blocks = new List<TextBlock>();
        if (document.Body is not null) Collect(document.Body, blocks);
        return (blocks, DeclaredTitle(document));
    }

    // The article's own headline is the most specific one the page declares.
    private static string? DeclaredTitle(IDocument document)
    {
        var og = document.QuerySelector("meta[property='og:title']")?.GetAttribute("content");
        if (!string.IsNullOrWhiteSpace(og)) return og.Trim();
        var h1 = document.QuerySelectorAll("h1").Select(h => Collapse(h.TextContent)).FirstOrDefault(t => t.Length > 0);
        if (h1 is not null) return h1;
        var title = document.Title;
        if (string.IsNullOrWhiteSpace(title)) return null;
        // "Headline | Site name" or "Headline - Site": keep the headline.
        foreach (var separator in new[] { " | ", " - ", " – ", " — ", " :: " })
        {
            var at = title.IndexOf(separator, StringComparison.Ordinal);
            if (at > 10) return title[..at].Trim();
        }
        return title.Trim();
    }

    private static void Collect(IElement element, List<TextBlock> blocks)
    {
        var text = new System.Text.StringBuilder();
        var linked = 0;
        void Flush(bool isHeading)
        {
            var collapsed = Collapse(text.ToString());
            if (collapsed.Length > 0)
                blocks.Add(new TextBlock(collapsed, Math.Min(1.0, linked / (double)collapsed.Length), isHeading));
            text.Clear();
            linked = 0;
        }

        var isHeading = element.LocalName.Length == 2 && element.LocalName[0] == 'h' && char.IsDigit(element.LocalName[1]);
        foreach (var node in element.ChildNodes)
        {
            switch (node)
            {
                case IText t:
                    text.Append(t.Data);
                    break;
                case IElement child when Invisible.Contains(child.LocalName):
                    break;
                case IElement child when BlockElements.Contains(child.LocalName):
                    Flush(isHeading);
                    Collect(child, blocks);
                    break;
                case IElement child:
                    var inline = child.TextContent;
                    text.Append(inline);
                    if (child.LocalName == "a" || child.QuerySelector("a") is not null)
                        linked += Collapse(child.LocalName == "a" ? inline : string.Concat(child.QuerySelectorAll("a").Select(a => a.TextContent))).Length;
                    break;
            }
        }
        Flush(isHeading);
    }

    private static string Collapse(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
