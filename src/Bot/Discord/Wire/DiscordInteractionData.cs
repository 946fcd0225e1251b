using System.Text.Json;

namespace Newsdesk.Discord.Wire;

/// <summary>Command data (name, options) or component data (custom_id) of an interaction.</summary>
/// <param name="TargetId">For a message command (type 3): the message it was used on, found in <see cref="Resolved"/>.</param>
public sealed record DiscordInteractionData(string? Id, string? Name, int? Type, IReadOnlyList<DiscordCommandOption>? Options, string? CustomId,
    string? TargetId = null, DiscordResolved? Resolved = null)
{
    public const int SubcommandType = 1;

    /// <summary>The subcommand used (<c>/feeds add</c>), whose own options hold what the user filled in.</summary>
    public DiscordCommandOption? Subcommand => Options?.FirstOrDefault(o => o.Type == SubcommandType);

    /// <summary>A string option of the subcommand used.</summary>
    public string? SubcommandString(string name) =>
        Subcommand?.Options?.FirstOrDefault(o => o.Name == name)?.Value is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The text of the message a message command was used on.</summary>
    public string? TargetMessageText =>
        TargetId is { } id && Resolved?.Messages is { } messages && messages.TryGetValue(id, out var message) ? message.Content : null;

    public DiscordCommandOption? Option(string name) => Options?.FirstOrDefault(o => o.Name == name);

    public string? StringOption(string name) =>
        Option(name)?.Value is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public bool BooleanOption(string name) =>
        Option(name)?.Value is { ValueKind: JsonValueKind.True };

    /// <summary>The option the user is typing into, for autocomplete.</summary>
    public DiscordCommandOption? Focused => Options?.FirstOrDefault(o => o.Focused == true);
}
