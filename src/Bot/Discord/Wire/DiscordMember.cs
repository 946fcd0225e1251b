namespace Newsdesk.Discord.Wire;

/// <summary>The guild member who triggered an interaction in a guild.</summary>
public sealed record DiscordMember(DiscordUser? User);
