namespace Newsdesk.Discord.Replies;

/// <summary>Lists of articles as embed text: a title with its link where known, else its source path.</summary>
public static class DiscordStoryList
{
    public static string Line(string title, Uri? url, string source)
    {
        var safeTitle = title.Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal);
        return url is null ? $"• {safeTitle} — `{source.Replace('`', '\'')}`" : $"• [{safeTitle}](<{url}>)";
    }

    /// <summary>Whole lines only, within the description limit.</summary>
    public static string Join(IEnumerable<string> lines, int limit = DiscordAnswerFormatter.DescriptionLimit)
    {
        var text = new System.Text.StringBuilder();
        foreach (var line in lines)
        {
            var piece = DiscordTextCutter.Cut(line, 400);
            if (text.Length + piece.Length + 1 > limit) break;
            text.Append(piece).Append('\n');
        }
        return text.ToString().TrimEnd();
    }
}
