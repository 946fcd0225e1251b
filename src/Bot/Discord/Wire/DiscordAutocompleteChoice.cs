namespace Newsdesk.Discord.Wire;

/// <summary>One suggestion; name and value are each 1-100 characters (application-commands.mdx, choice structure).</summary>
public sealed record DiscordAutocompleteChoice(string Name, string Value);
