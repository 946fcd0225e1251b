namespace Newsdesk.Corpus;

/// <summary>Turns a raw file or page into a <see cref="CleanDocument"/>: reads its blocks by format, then removes
/// page furniture with one method for every format.</summary>
public static class DocumentCleaner
{
    public static readonly IReadOnlySet<string> SupportedExtensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".html", ".htm" };

    public static CleanDocument Clean(string content, string extension)
    {
        if (extension.Equals(".html", StringComparison.OrdinalIgnoreCase) || extension.Equals(".htm", StringComparison.OrdinalIgnoreCase))
        {
            var (blocks, title) = HtmlBlocks.Read(content);
            return BoilerplateRemover.Clean(blocks, title);
        }
        var isMarkdown = extension.Equals(".md", StringComparison.OrdinalIgnoreCase);
        return BoilerplateRemover.Clean(PlainTextBlocks.Split(content, isMarkdown), declaredTitle: null);
    }
}
