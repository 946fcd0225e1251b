namespace Newsdesk.Discord;

public sealed record DiscordUser(string? Id, string? Username);
