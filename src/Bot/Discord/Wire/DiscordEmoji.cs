namespace Newsdesk.Discord.Wire;

public sealed record DiscordEmoji(string Name);
