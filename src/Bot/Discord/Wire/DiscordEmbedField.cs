namespace Newsdesk.Discord.Wire;

public sealed record DiscordEmbedField(string Name, string Value, bool? Inline = null);
