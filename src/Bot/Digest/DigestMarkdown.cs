using System.Text;
using Newsdesk.Text;

namespace Newsdesk.Digest;

/// <summary>The digest as Markdown: what <c>digest --preview</c> prints and the shape the Discord message follows.</summary>
public static class DigestMarkdown
{
    public static string Render(DigestContent digest, string? marker = null)
    {
        var text = new StringBuilder().Append("# Newsdesk digest: ").AppendLine(digest.Heading).AppendLine();
        if (digest.IsQuiet) text.AppendLine(Escape(digest.QuietText));
        foreach (var topic in digest.Topics)
        {
            AppendStory(text, topic.Lead, "## ");
            foreach (var related in topic.Stories.Skip(1))
            {
                text.Append("   ↳ Related: ");
                AppendStory(text, related, "");
            }
        }
        if (!digest.IsQuiet && digest.MoreCount > 0) text.AppendLine($"_{Escape(DigestContent.MoreLine(digest.MoreCount))}_").AppendLine();
        if (marker is not null) text.AppendLine($"<sub>digest ref {marker}</sub>");
        return text.ToString();
    }

    private static void AppendStory(StringBuilder text, DigestStory story, string prefix)
    {
        var title = Escape(story.Title);
        text.Append(prefix).AppendLine(story.Url is null ? title : $"[{title}](<{story.Url.AbsoluteUri}>)");
        text.AppendLine($"*{Escape(story.Source)}*{AlsoReportedBy(story)}: {Escape(story.Summary)}").AppendLine();
    }

    /// <summary>" (also: *Feed B*, *Feed C*)", each linked when its link is known; empty for a single source.</summary>
    public static string AlsoReportedBy(DigestStory story)
    {
        if (story.AlsoReportedBy is not { Count: > 0 } others) return "";
        var names = others.Select(o => o.Url is null ? $"*{Escape(o.Name)}*" : $"[{Escape(o.Name)}](<{o.Url.AbsoluteUri}>)");
        return $" (also: {string.Join(", ", names)})";
    }

    /// <summary>Markdown control characters in article text are shown, not obeyed (<see cref="MarkdownText"/>):
    /// the same escaping as Discord's answers, so the two never disagree.</summary>
    public static string Escape(string text) => MarkdownText.Escape(text);
}
