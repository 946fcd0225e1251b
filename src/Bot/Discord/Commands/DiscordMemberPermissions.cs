using Newsdesk.Discord.Wire;

namespace Newsdesk.Discord.Commands;

/// <summary>The server-side check behind <c>default_member_permissions</c>: a server can override who sees a command,
/// so the member's own permissions in the payload (<c>member.permissions</c>, overwrites included) are checked again
/// before anything changes (docs/protocols.md, "Command permissions").</summary>
public static class DiscordMemberPermissions
{
    public const ulong Administrator = 1UL << 3, ManageGuild = 1UL << 5;

    /// <summary>Null when the member may manage the server's feeds and digest channels; else a private refusal that
    /// names the missing permission.</summary>
    public static string? RefuseUnlessManager(DiscordInteraction interaction, string change)
    {
        if (interaction.Member is not { } member || interaction.GuildId is null)
            return $"{change} works in a server only, for members with the Manage Server permission.";
        var bits = ulong.TryParse(member.Permissions, out var parsed) ? parsed : 0;
        return (bits & (Administrator | ManageGuild)) != 0 ? null
            : $"You need the Manage Server permission to {char.ToLowerInvariant(change[0])}{change[1..]}. Ask a server admin, or one can grant it to your role.";
    }
}
