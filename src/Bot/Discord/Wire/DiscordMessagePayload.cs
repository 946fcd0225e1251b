namespace Newsdesk.Discord.Wire;

/// <summary>A message the bot sends (interaction response data, webhook edit, channel or webhook post).
/// <see cref="AllowedMentions"/> is always sent and always empty: news text and questions can contain
/// <c>@everyone</c> or user ids, and the defaults differ between endpoints (docs/protocols.md, "Discord messages").</summary>
public sealed record DiscordMessagePayload(
    string? Content = null,
    IReadOnlyList<DiscordEmbed>? Embeds = null,
    IReadOnlyList<DiscordComponent>? Components = null,
    int? Flags = null)
{
    /// <summary>EPHEMERAL = 1 &lt;&lt; 6: only the person who asked sees it (resources/message.mdx, Message Flags).</summary>
    public const int Ephemeral = 64;

    public DiscordAllowedMentions AllowedMentions { get; init; } = DiscordAllowedMentions.None;

    public static DiscordMessagePayload Text(string content, bool isEphemeral = false) =>
        new(Content: content, Flags: isEphemeral ? Ephemeral : null);
}
