using System.Text.Json.Serialization;

namespace Newsdesk.Discord.Wire;

public sealed record DiscordEmbed(
    string? Title,
    string? Description,
    IReadOnlyList<DiscordEmbedField>? Fields = null,
    DiscordEmbedFooter? Footer = null,
    int? Color = null)
{
    /// <summary>Everything Discord counts toward its 6,000-character embed limit. Not part of the payload: Discord's
    /// embed object has no such field.</summary>
    [JsonIgnore]
    public int Length => (Title?.Length ?? 0) + (Description?.Length ?? 0) + (Footer?.Text.Length ?? 0)
        + (Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0);
}
