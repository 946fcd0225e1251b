namespace Newsdesk.Discord.Commands;

/// <summary>A CHAT_INPUT (type 1) command as registered (application-commands.mdx, Application Command Structure).</summary>
public sealed record DiscordCommandDefinition(string Name, string Description, IReadOnlyList<DiscordCommandOptionDefinition>? Options = null, int Type = 1);
