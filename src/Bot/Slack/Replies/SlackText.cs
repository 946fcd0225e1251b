using System.Text.RegularExpressions;

namespace Newsdesk.Slack.Replies;

/// <summary>Slack mrkdwn helpers. Escaping <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> in every piece of user or
/// article text means no text can form a control sequence such as <c>&lt;!channel&gt;</c>, <c>&lt;!here&gt;</c> or
/// <c>&lt;@U123&gt;</c> (docs/protocols.md, "Slack messages"); only links built here keep real angle brackets.</summary>
public static partial class SlackText
{
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>A link whose label is escaped and whose URL cannot close the link early.</summary>
    public static string Link(Uri url, string label) =>
        $"<{Escape(url.AbsoluteUri).Replace("|", "%7C", StringComparison.Ordinal)}|{Escape(label)}>";

    /// <summary>Shortens escaped mrkdwn to at most <paramref name="limit"/> characters, marking the cut. Never inside an
    /// entity ("&amp;amp;" cut to "&amp;am" would show as text) or a link/mention ("&lt;url|label&gt;" cut open would
    /// break the rest): the cut moves back to before it.</summary>
    public static string Truncate(string text, int limit)
    {
        if (text.Length <= limit) return text;
        var end = limit - 1;
        if (end <= 0) return "…";
        var open = text.LastIndexOf('<', end - 1);
        if (open >= 0 && text.IndexOf('>', open) is var closing && (closing < 0 || closing >= end)) end = open;
        if (end == 0) return "…";
        var entity = text.LastIndexOf('&', end - 1);
        if (entity >= 0 && end - entity <= MaxEntityLength && text.IndexOf(';', entity) is var close && (close < 0 || close >= end)) end = entity;
        return string.Concat(text.AsSpan(0, end), "…");
    }

    /// <summary>A Block Kit mrkdwn text object, verbatim: Slack neither turns bare addresses or channel names into
    /// links nor parses mentions in it; the only links are the ones built by <see cref="Link"/>.</summary>
    public static System.Text.Json.Nodes.JsonObject Mrkdwn(string text) => new()
    {
        ["type"] = "mrkdwn",
        ["text"] = text,
        ["verbatim"] = true,
    };

    // "&amp;" is the longest entity Escape makes.
    private const int MaxEntityLength = 5;

    /// <summary>The question without the bot's own mention. When the bot's id is not known (or not in the text), the
    /// first mention of an app_mention is the one that triggered it.</summary>
    public static string StripBotMention(string text, string? botUserId, bool isMention)
    {
        // An app_mention always mentions the bot; if the known id is absent (another id form), its first mention is it.
        var stripped = botUserId is not null && Mentions(text, botUserId)
            ? Regex.Replace(text, $"<@{Regex.Escape(botUserId)}(\\|[^>]*)?>", " ")
            : isMention ? UserMention().Replace(text, " ", 1) : text;
        return Decode(Whitespace().Replace(stripped, " ").Trim());
    }

    /// <summary>Slack sends &amp;, &lt; and &gt; escaped; the core wants the person's words.</summary>
    public static string Decode(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);

    public static bool Mentions(string text, string botUserId) =>
        text.Contains($"<@{botUserId}>", StringComparison.Ordinal) || text.Contains($"<@{botUserId}|", StringComparison.Ordinal);

    /// <summary>Whether the text mentions a person (anyone: call it after the bot's own mention is ruled out).</summary>
    public static bool MentionsSomeone(string text) => UserMention().IsMatch(text);

    [GeneratedRegex(@"<@[UW][A-Z0-9]+(\|[^>]*)?>")]
    private static partial Regex UserMention();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
