namespace Newsdesk.Slack.Wire;

/// <summary>A slash command invocation (form fields, or the same names in a Socket Mode envelope's payload).</summary>
/// <param name="TriggerId">Slack's id for this one invocation, covered by the signature: a request carrying one already
/// seen is a replay.</param>
public sealed record SlackCommand(string Command, string Text, Uri ResponseUrl, string? ChannelId, string? UserId, string? TriggerId = null)
{
    /// <summary>Reads the fields Slack sends (docs/protocols.md, "Slash commands"); null when the ones we need are missing.</summary>
    public static SlackCommand? From(Func<string, string?> field)
    {
        var command = field("command");
        var responseUrl = field("response_url");
        if (string.IsNullOrEmpty(command) || !Uri.TryCreate(responseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            return null;
        return new SlackCommand(command, field("text") ?? "", url, field("channel_id"), field("user_id"), field("trigger_id"));
    }
}
