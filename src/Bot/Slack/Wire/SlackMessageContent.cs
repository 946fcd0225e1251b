using System.Text.Json.Nodes;

namespace Newsdesk.Slack.Wire;

/// <summary>A message's Block Kit blocks and the plain-text <c>text</c> fallback Slack shows in notifications and
/// reads to screen readers (docs/protocols.md, "Slack messages").</summary>
public sealed record SlackMessageContent(string Text, JsonArray Blocks);
