namespace Newsdesk.Discord.Commands;

/// <summary>The <c>custom_id</c> of a feedback button: "feedback:up:KEY" or "feedback:down:KEY" (≤ 100 characters;
/// KEY is the interaction id, a snowflake of about 19 digits).</summary>
public static class DiscordFeedbackId
{
    private const string Prefix = "feedback:";

    public static string Create(string key, bool isHelpful) => $"{Prefix}{(isHelpful ? "up" : "down")}:{key}";

    public static bool TryParse(string? customId, out string key, out bool isHelpful)
    {
        key = "";
        isHelpful = false;
        if (customId is null || !customId.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var parts = customId[Prefix.Length..].Split(':', 2);
        if (parts.Length != 2 || parts[1].Length == 0 || parts[0] is not ("up" or "down")) return false;
        (key, isHelpful) = (parts[1], parts[0] == "up");
        return true;
    }
}
