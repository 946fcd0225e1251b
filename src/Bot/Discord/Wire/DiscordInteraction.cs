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
    string? ChannelId)
{
    public const int Ping = 1;
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int Autocomplete = 4;
    public const int ModalSubmit = 5;

    /// <summary>The person: <c>member.user</c> in a guild, <c>user</c> in a DM.</summary>
    public string? UserId => Member?.User?.Id ?? User?.Id;
}
