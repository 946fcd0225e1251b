using System.Text.RegularExpressions;

namespace Newsdesk.Discord.Replies;

/// <summary>Shortens text to a Discord limit at a sentence boundary, keeping each sentence's citation markers
/// ("… shut down. [1][2]") with it, so a cut never splits or orphans a "[n]".</summary>
public static partial class DiscordTextCutter
{
    private const string Ellipsis = "…";

    public static string Cut(string text, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 2);
        text = text.Trim();
        if (text.Length <= limit) return text;

        var kept = 0;
        foreach (Match boundary in SentenceEnd().Matches(text))
        {
            if (boundary.Index + Ellipsis.Length + 1 > limit) break;
            kept = boundary.Index;
        }
        if (kept > 0) return text[..kept].TrimEnd() + " " + Ellipsis;
        return CutAtWord(text, limit - Ellipsis.Length) + Ellipsis;
    }

    /// <summary>A single sentence longer than the limit: cut at a space outside any "[n]" marker, unless that would
    /// throw away more than half of the room.</summary>
    private static string CutAtWord(string text, int limit)
    {
        for (var i = limit; i > limit / 2; i--)
        {
            if (!char.IsWhiteSpace(text[i]) || IsInsideMarker(text, i)) continue;
            return text[..i].TrimEnd();
        }
        // One unbroken word (a long URL): a hard cut, but still not inside a marker.
        var end = limit;
        while (end > 1 && IsInsideMarker(text, end)) end--;
        return text[..end];
    }

    private static bool IsInsideMarker(string text, int position)
    {
        var open = text.LastIndexOf('[', position - 1);
        return open >= 0 && text.IndexOf(']', open) >= position && MarkerStart().IsMatch(text[open..Math.Min(text.Length, open + 8)]);
    }

    /// <summary>Whitespace after a sentence end (with its closing quotes and any "[n]" markers), not followed by a marker.</summary>
    [GeneratedRegex(@"(?<=[.!?][""”’')]*(?:\s*(?:\[\d+\])+)?)\s+(?!\[\d)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^\[\d+\]")]
    private static partial Regex MarkerStart();
}
