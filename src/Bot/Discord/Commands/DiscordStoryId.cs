namespace Newsdesk.Discord.Commands;

/// <summary>The <c>custom_id</c> of a brief's "more" button, "story:PAGE:TOPIC" (≤ 100 characters, which the topic's
/// registered maximum length keeps): a click shows that page of the brief.</summary>
public static class DiscordStoryId
{
    private const string Prefix = "story:";

    public static string Create(int page, string topic) => $"{Prefix}{page}:{topic}";

    public static bool TryParse(string? customId, out int page, out string topic)
    {
        (page, topic) = (0, "");
        if (customId is null || !customId.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = customId[Prefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !int.TryParse(rest[..colon], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out page)) return false;
        topic = rest[(colon + 1)..].Trim();
        return page >= 1 && topic.Length > 0;
    }
}
