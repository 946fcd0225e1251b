namespace Newsdesk.Discord;

public sealed record DiscordEmbedField(string Name, string Value, bool? Inline = null);
