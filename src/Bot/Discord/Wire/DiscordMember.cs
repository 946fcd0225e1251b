namespace Newsdesk.Discord.Wire;

/// <summary>The guild member who triggered an interaction in a guild.</summary>
/// <param name="Permissions">The member's permissions in the channel, overwrites included, as a decimal bitset string
/// (docs/protocols.md, "Command permissions").</param>
public sealed record DiscordMember(DiscordUser? User, string? Permissions = null);
