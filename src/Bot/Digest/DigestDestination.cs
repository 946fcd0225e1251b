using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Newsdesk.Digest;

public enum DigestPlatform { Slack, DiscordWebhook, DiscordChannel }

/// <summary>One place the digest goes. <see cref="Key"/> names it in the ledger and in logs; for a webhook it is a
/// hash, because the URL itself is a credential (anyone holding it can post).</summary>
public sealed partial record DigestDestination(DigestPlatform Platform, string Target)
{
    public string Key => Platform switch
    {
        DigestPlatform.Slack => $"slack:{Target}",
        DigestPlatform.DiscordChannel => $"discord:{Target}",
        _ => $"discord-webhook:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Target)))[..16]}",
    };

    public override string ToString() => Key;

    public static bool TryParse(string value, out DigestDestination? destination)
    {
        value = value.Trim();
        destination = null;
        if (value.StartsWith("slack:", StringComparison.OrdinalIgnoreCase) && SlackChannel().IsMatch(value[6..]))
            destination = new DigestDestination(DigestPlatform.Slack, value[6..]);
        else if (value.StartsWith("discord:", StringComparison.OrdinalIgnoreCase) && Snowflake().IsMatch(value[8..]))
            destination = new DigestDestination(DigestPlatform.DiscordChannel, value[8..]);
        else if (Uri.TryCreate(value, UriKind.Absolute, out var url) && url.AbsolutePath.Contains("/webhooks/", StringComparison.Ordinal)
            && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
            destination = new DigestDestination(DigestPlatform.DiscordWebhook, url.AbsoluteUri);
        return destination is not null;
    }

    [GeneratedRegex("^[CGD][A-Z0-9]{6,}$")]
    private static partial Regex SlackChannel();

    [GeneratedRegex("^[0-9]{15,21}$")]
    private static partial Regex Snowflake();
}
