namespace Newsdesk.Discord.Wire;

public sealed record DiscordAutocompleteData(IReadOnlyList<DiscordAutocompleteChoice> Choices);
