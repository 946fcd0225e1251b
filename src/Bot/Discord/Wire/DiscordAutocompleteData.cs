namespace Newsdesk.Discord;

public sealed record DiscordAutocompleteData(IReadOnlyList<DiscordAutocompleteChoice> Choices);
