namespace Newsdesk.Slack.Wire;

/// <summary>The inner event: <c>app_mention</c>, <c>message</c> (a DM when <see cref="ChannelType"/> is "im"), or
/// a kind the bot ignores. <see cref="ThreadTs"/> is set when the message is inside a thread.</summary>
public sealed record SlackEvent(
    string? Type,
    string? Subtype,
    string? User,
    string? BotId,
    string? Text,
    string? Ts,
    string? ThreadTs,
    string? Channel,
    string? ChannelType);
