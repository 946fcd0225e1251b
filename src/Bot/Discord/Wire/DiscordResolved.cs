namespace Newsdesk.Discord.Wire;

/// <summary>Objects an interaction refers to, by id (receiving-and-responding.mdx, Resolved Data Structure); the bot
/// reads only messages, for its message command.</summary>
public sealed record DiscordResolved(IReadOnlyDictionary<string, DiscordResolvedMessage>? Messages);
