using System.Text;
using System.Text.RegularExpressions;

namespace Newsdesk.Text;

/// <summary>Markdown escaping for untrusted text (article passages, titles, summaries) shown where Markdown renders:
/// Discord messages and embeds, and the digest. Control characters are shown, not obeyed, so article text cannot
/// make a masked link ("[the Harbourline site](http://evil.example/phish)"), a heading, a quote or a spoiler; a word
/// joiner after "@" means no text reads as a mass mention; and one before "://" stops a bare address becoming a
/// link. The only links a reader sees are the bot's own citations, built outside this.</summary>
public static partial class MarkdownText
{
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '`' or '~' or '|' or '[' or ']' or '<' or '>' or '#') escaped.Append('\\');
            escaped.Append(c);
            if (c == '@') escaped.Append('\u2060');
        }
        // Citation markers ("[1]") stay as they are: without "(" right after them they are no link.
        return CitationMarker().Replace(SchemeSeparator().Replace(escaped.ToString(), "\u2060://"), "[$1]");
    }

    /// <summary>The escaped form of a prefix of <paramref name="text"/> no longer than <paramref name="limit"/>:
    /// cut first (by <paramref name="cut"/>, which may keep sentences whole), then escaped, so a cut never splits an
    /// escape; cut shorter when escaping made it too long.</summary>
    public static string CutThenEscape(string text, int limit, Func<string, int, string> cut)
    {
        var room = limit;
        while (true)
        {
            var escaped = Escape(cut(text, room));
            if (escaped.Length <= limit || room <= 2) return escaped.Length <= limit ? escaped : escaped[..limit];
            room = Math.Max(2, room - (escaped.Length - limit));
        }
    }

    [GeneratedRegex("://")]
    private static partial Regex SchemeSeparator();

    [GeneratedRegex(@"\\\[(\d{1,3})\\\](?!\()")]
    private static partial Regex CitationMarker();
}
