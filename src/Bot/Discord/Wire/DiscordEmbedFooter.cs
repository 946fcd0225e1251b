namespace Newsdesk.Discord;

public sealed record DiscordEmbedFooter(string Text);
