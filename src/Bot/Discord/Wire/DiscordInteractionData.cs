using System.Text.Json;

namespace Newsdesk.Discord.Wire;

/// <summary>Command data (name, options) or component data (custom_id) of an interaction.</summary>
public sealed record DiscordInteractionData(string? Id, string? Name, int? Type, IReadOnlyList<DiscordCommandOption>? Options, string? CustomId)
{
    public DiscordCommandOption? Option(string name) => Options?.FirstOrDefault(o => o.Name == name);

    public string? StringOption(string name) =>
        Option(name)?.Value is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public bool BooleanOption(string name) =>
        Option(name)?.Value is { ValueKind: JsonValueKind.True };

    /// <summary>The option the user is typing into, for autocomplete.</summary>
    public DiscordCommandOption? Focused => Options?.FirstOrDefault(o => o.Focused == true);
}
