using System.Text.RegularExpressions;

namespace Newsdesk.Corpus;

/// <summary>Splits plain text and Markdown into blocks: one block per line, except that hard-wrapped paragraphs
/// (lines broken mid-sentence) are joined back together.</summary>
public static partial class PlainTextBlocks
{
    public static IReadOnlyList<TextBlock> Split(string text, bool isMarkdown)
    {
        var blocks = new List<TextBlock>();
        foreach (var paragraph in BlankLines().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal)))
        {
            var lines = paragraph.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            if (lines.Count == 0) continue;
            if (IsHardWrapped(lines))
            {
                blocks.Add(ToBlock(string.Join(' ', lines), isMarkdown));
                continue;
            }
            blocks.AddRange(lines.Select(line => ToBlock(line, isMarkdown)));
        }
        return blocks;
    }

    // Hard-wrapped prose: several long lines of similar width where lines end mid-sentence.
    private static bool IsHardWrapped(List<string> lines)
    {
        if (lines.Count < 2) return false;
        var midSentenceBreaks = lines.Take(lines.Count - 1).Count(l => l.Length >= 50 && char.IsLetterOrDigit(l[^1]) || l.EndsWith(',') );
        return midSentenceBreaks >= (lines.Count - 1) * 0.6;
    }

    private static TextBlock ToBlock(string line, bool isMarkdown)
    {
        if (!isMarkdown) return new TextBlock(line, 0, false);
        var isHeading = line.StartsWith('#');
        var withoutMarkers = ListOrHeadingMarker().Replace(line, "");
        var linkedChars = 0;
        var withoutLinks = MarkdownLink().Replace(withoutMarkers, m =>
        {
            linkedChars += m.Groups["text"].Length;
            return m.Groups["text"].Value;
        });
        var visible = Emphasis().Replace(withoutLinks, "").Trim();
        var density = visible.Length == 0 ? 0 : Math.Min(1.0, linkedChars / (double)visible.Length);
        return new TextBlock(visible, density, isHeading);
    }

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"^(#{1,6}\s+|[-*+]\s+|\d+\.\s+|>\s*)")]
    private static partial Regex ListOrHeadingMarker();

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"(\*\*|__|`)")]
    private static partial Regex Emphasis();
}
