namespace Newsdesk.Discord.Rest;

/// <summary>One REST call: its URL, and the key its rate limit is tracked under. Discord groups limits by route
/// and top-level resource (the "major parameter": channel, guild, webhook id + token) (topics/rate-limits.mdx).</summary>
public sealed record DiscordRoute(HttpMethod Method, string Template, string MajorParameter, Uri Url, bool IsAuthenticated)
{
    public string Key => $"{Method} {Template}|{MajorParameter}";

    /// <summary>For logs and errors: no tokens in it.</summary>
    public override string ToString() => $"{Method} {Template}";
}
