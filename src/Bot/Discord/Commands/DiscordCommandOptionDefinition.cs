namespace Newsdesk.Discord.Commands;

/// <summary>An option of a registered command. Types: 1 SUB_COMMAND (its own <see cref="Options"/>), 3 STRING,
/// 5 BOOLEAN, 7 CHANNEL (limited to <see cref="ChannelTypes"/>).</summary>
public sealed record DiscordCommandOptionDefinition(int Type, string Name, string Description, bool? Required = null, bool? Autocomplete = null, int? MaxLength = null,
    IReadOnlyList<DiscordCommandOptionDefinition>? Options = null, IReadOnlyList<int>? ChannelTypes = null)
{
    public const int SubcommandType = 1;
    public const int StringType = 3;
    public const int BooleanType = 5;
    public const int ChannelType = 7;

    /// <summary>GUILD_TEXT (0) and GUILD_ANNOUNCEMENT (5): the channels a digest can be posted in.</summary>
    public static readonly IReadOnlyList<int> TextChannels = [0, 5];
}
