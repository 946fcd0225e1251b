namespace Newsdesk.Slack.Wire;

/// <summary>The parts of an interactivity payload (<c>block_actions</c>) the bot reads: who clicked which button where,
/// and the response_url to answer through (docs/protocols.md, "Slack interactivity").</summary>
public sealed record SlackInteraction(string? Type, SlackInteractionUser? User, SlackInteractionChannel? Channel, string? ResponseUrl,
    IReadOnlyList<SlackInteractionAction>? Actions);
