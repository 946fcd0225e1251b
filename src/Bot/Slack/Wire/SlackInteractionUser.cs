namespace Newsdesk.Slack.Wire;

public sealed record SlackInteractionUser(string? Id);
