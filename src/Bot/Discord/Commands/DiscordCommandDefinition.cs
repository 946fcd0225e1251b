namespace Newsdesk.Discord.Commands;

/// <summary>A command as registered (application-commands.mdx, Application Command Structure): CHAT_INPUT (type 1)
/// or MESSAGE (type 3, a context-menu entry whose description must be empty).</summary>
/// <param name="DefaultMemberPermissions">Who sees the command until a server overrides it: a decimal permission
/// bitset string; null lets everyone use it.</param>
public sealed record DiscordCommandDefinition(string Name, string Description, IReadOnlyList<DiscordCommandOptionDefinition>? Options = null, int Type = 1,
    string? DefaultMemberPermissions = null)
{
    public const int ChatInputType = 1;
    public const int MessageType = 3;
}
