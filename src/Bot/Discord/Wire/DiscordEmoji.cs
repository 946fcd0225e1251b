namespace Newsdesk.Discord;

public sealed record DiscordEmoji(string Name);
