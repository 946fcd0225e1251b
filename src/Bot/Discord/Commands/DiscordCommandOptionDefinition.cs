namespace Newsdesk.Discord.Commands;

/// <summary>An option of a registered command. Types: 3 STRING, 5 BOOLEAN.</summary>
public sealed record DiscordCommandOptionDefinition(int Type, string Name, string Description, bool? Required = null, bool? Autocomplete = null, int? MaxLength = null)
{
    public const int StringType = 3;
    public const int BooleanType = 5;
}
