namespace Newsdesk.Slack.Wire;

/// <summary>One clicked element: its <c>action_id</c> and the <c>value</c> the bot gave it.</summary>
public sealed record SlackInteractionAction(string? ActionId, string? Value, string? BlockId);
