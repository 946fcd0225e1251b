using System.Text.Json;

namespace Newsdesk.Discord.Wire;

/// <summary>One option a user filled in (<c>value</c> is a string, number or boolean by option type).</summary>
public sealed record DiscordCommandOption(string Name, int Type, JsonElement? Value, bool? Focused, IReadOnlyList<DiscordCommandOption>? Options);
