namespace Newsdesk.Discord.Wire;

/// <summary>A message named by a message command: its text and author.</summary>
public sealed record DiscordResolvedMessage(string? Id, string? Content, DiscordUser? Author);
