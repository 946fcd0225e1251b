using System.Text.Json.Serialization;

namespace Newsdesk.Discord.Wire;

/// <summary>The parts of an interaction (receiving-and-responding.mdx, Interaction Structure) the bot reads.</summary>
public sealed record DiscordInteraction(
    string? Id,
    string? ApplicationId,
    int Type,
    string? Token,
    DiscordInteractionData? Data,
    DiscordMember? Member,
    DiscordUser? User,
    string? GuildId,
    [property: JsonPropertyName("channel_id")] string? LegacyChannelId,
    string? AppPermissions = null,
    DiscordChannel? Channel = null)
{
    public const int Ping = 1;
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int Autocomplete = 4;
    public const int ModalSubmit = 5;

    /// <summary>The bot's own permissions in the interaction's channel (decimal bitset string).</summary>
    public ulong AppPermissionBits => ulong.TryParse(AppPermissions, out var bits) ? bits : 0;

    /// <summary>The channel (or thread) the interaction was used in: the partial <c>channel</c>'s id, else the
    /// deprecated <c>channel_id</c>, which Discord may stop sending (docs/protocols.md, "Discord threads").</summary>
    [JsonIgnore]
    public string? ChannelId => Channel is { Id: { Length: > 0 } id } ? id : LegacyChannelId;

    /// <summary>The thread the interaction was used in, or null in a plain channel or a DM.</summary>
    public string? ThreadId => Channel is { IsThread: true, Id: { Length: > 0 } id } ? id : null;

    /// <summary>The person: <c>member.user</c> in a guild, <c>user</c> in a DM.</summary>
    public string? UserId => Member?.User?.Id ?? User?.Id;
}
