namespace Newsdesk.Slack.Wire;

public sealed record SlackInteractionChannel(string? Id);
