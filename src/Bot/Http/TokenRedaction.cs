using System.Text.RegularExpressions;

namespace Newsdesk.Http;

/// <summary>Cuts capabilities out of text bound for a log: Discord interaction and webhook tokens (they sit in URL
/// paths, and Discord's error bodies echo the path), Slack response_url and incoming-webhook secrets, and Slack
/// tokens. Applied where a URL or a platform's error body is turned into a message; the bot token, which the code
/// knows, is cut by value as well.</summary>
public static partial class TokenRedaction
{
    public const string Marker = "[redacted]";

    public static string Redact(string text) =>
        string.IsNullOrEmpty(text) ? text : Patterns().Replace(text, match =>
            match.Groups["keep"].Success ? match.Groups["keep"].Value + Marker : Marker);

    // webhooks/{id}/{token} (interaction follow-ups and channel webhooks), interactions/{id}/{token}/callback,
    // hooks.slack.com/{commands|actions|services|workflows}/…/{secret}, xox?-/xapp- tokens, and a bare interaction
    // token ("interaction:" in base64 is its start).
    [GeneratedRegex("""
        (?<keep>/(?:webhooks|interactions)/\d+/)[A-Za-z0-9_\-.]{8,}
        |(?<keep>hooks\.slack\.com/(?:commands|actions|services|workflows|triggers)/(?:[A-Za-z0-9]+/)*)[A-Za-z0-9_\-]{8,}
        |\bx(?:ox[a-z]|app)-[A-Za-z0-9\-]+
        |\baW50ZXJhY3Rpb246[A-Za-z0-9_\-.=]+
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Patterns();
}
