namespace Newsdesk.Discord.Wire;

/// <summary>An action row (type 1) holding buttons (type 2) (components reference).</summary>
public sealed record DiscordComponent(
    int Type,
    IReadOnlyList<DiscordComponent>? Components = null,
    int? Style = null,
    string? Label = null,
    DiscordEmoji? Emoji = null,
    string? CustomId = null)
{
    public static DiscordComponent Row(params DiscordComponent[] components) => new(1, components);

    /// <summary>A secondary (grey, style 2) button.</summary>
    public static DiscordComponent Button(string customId, string label, string emoji) =>
        new(2, Style: 2, Label: label, Emoji: new DiscordEmoji(emoji), CustomId: customId);
}
