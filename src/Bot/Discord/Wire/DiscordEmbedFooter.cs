namespace Newsdesk.Discord.Wire;

public sealed record DiscordEmbedFooter(string Text);
