using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Fakes.Feeds;

/// <summary>One article of ../shared/corpus/bbc: line 1 the headline, then paragraphs separated by blank lines.</summary>
public sealed record BbcArticle(string File, string Title, IReadOnlyList<string> Paragraphs)
{
    public string Id => File.Replace('/', '-').Replace(".txt", "", StringComparison.Ordinal);

    public static BbcArticle Load(string file)
    {
        var text = System.IO.File.ReadAllText(Path.Combine(TestPaths.BbcCorpus, file)).Replace("\r\n", "\n", StringComparison.Ordinal);
        var blocks = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new BbcArticle(file, blocks[0], blocks.Skip(1).ToList());
    }

    public string Html() =>
        "<!DOCTYPE html><html><head><title>" + Escape(Title) + " - BBC News</title></head><body>" +
        "<nav><a href=\"/\">Home</a> <a href=\"/music\">Music</a> <a href=\"/tech\">Technology</a></nav><main><article><h1>" + Escape(Title) + "</h1>" +
        string.Concat(Paragraphs.Select(p => "<p>" + Escape(p) + "</p>")) +
        "</article></main><footer>Copyright BBC. All rights reserved.</footer></body></html>";

    private static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);
}
