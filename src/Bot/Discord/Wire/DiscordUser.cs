namespace Newsdesk.Discord.Wire;

public sealed record DiscordUser(string? Id, string? Username);
