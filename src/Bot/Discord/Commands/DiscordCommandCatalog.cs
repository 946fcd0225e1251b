namespace Newsdesk.Discord.Commands;

/// <summary>The bot's slash commands: what <c>discord register</c> sends and what the endpoint answers.</summary>
public static class DiscordCommandCatalog
{
    public const string Ask = "ask";
    public const string Sources = "sources";
    public const string About = "about";
    public const string Digest = "digest";

    public static IReadOnlyList<DiscordCommandDefinition> All { get; } =
    [
        new(Ask, "Ask about music-industry news; answers cite the articles they rely on",
        [
            new(DiscordCommandOptionDefinition.StringType, "question", "Your question", Required: true, Autocomplete: true, MaxLength: 300),
            new(DiscordCommandOptionDefinition.BooleanType, "private", "Only you see the answer"),
        ]),
        new(Sources, "The articles I follow, or those about a topic",
        [
            new(DiscordCommandOptionDefinition.StringType, "topic", "Only articles about this topic", MaxLength: 100),
        ]),
        new(About, "What this bot is, how it answers and which backend is on"),
        new(Digest, "Preview today's digest (only you see it)"),
    ];
}
