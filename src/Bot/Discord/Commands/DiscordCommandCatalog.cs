namespace Newsdesk.Discord.Commands;

/// <summary>The bot's slash commands: what <c>discord register</c> sends and what the endpoint answers.</summary>
public static class DiscordCommandCatalog
{
    public const string Ask = "ask";
    public const string Sources = "sources";
    public const string Story = "story";
    public const string About = "about";
    public const string Digest = "digest";
    public const string Feeds = "feeds";
    public const string Help = "help";
    public const string AskAboutMessage = "Ask Newsdesk about this";

    /// <summary>MANAGE_GUILD (1 &lt;&lt; 5), "Manage Server" in the client: who may change feeds and digest channels.</summary>
    public const string ManageServer = "32";

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
        new(Story, "A story at a glance: who says what, the timeline and what is still open, every line cited",
        [
            new(DiscordCommandOptionDefinition.StringType, "topic", "The story, e.g. AllofMP3", Required: true, Autocomplete: true, MaxLength: DiscordStoryCommand.TopicLimit),
        ]),
        new(About, "What this bot is, how it answers and which backend is on"),
        new(Digest, "The daily digest: preview it, see when it comes, choose the channels it goes to",
        [
            Subcommand("preview", "Preview today's digest (only you see it)"),
            Subcommand("when", "When the daily digest is posted, and where"),
            Subcommand("subscribe", "Post the daily digest in a channel", ChannelOption("The channel (this one if left out)")),
            Subcommand("unsubscribe", "Stop posting the daily digest in a channel", ChannelOption("The channel (this one if left out)")),
        ], DefaultMemberPermissions: ManageServer),
        new(Feeds, "The news feeds I follow: add, list or remove them",
        [
            Subcommand("add", "Follow a news feed (RSS or Atom)",
                new DiscordCommandOptionDefinition(DiscordCommandOptionDefinition.StringType, "url", "The feed's address (https://…)", Required: true, MaxLength: 500),
                new DiscordCommandOptionDefinition(DiscordCommandOptionDefinition.StringType, "name", "The name shown as the stories' source", MaxLength: 80)),
            Subcommand("list", "The feeds I follow and who added them"),
            Subcommand("remove", "Stop following a feed added from chat",
                new DiscordCommandOptionDefinition(DiscordCommandOptionDefinition.StringType, "feed", "The feed's address or name", Required: true, MaxLength: 500)),
        ], DefaultMemberPermissions: ManageServer),
        new(Help, "What I can do and how to ask"),
        new(AskAboutMessage, "", Type: DiscordCommandDefinition.MessageType),
    ];

    private static DiscordCommandOptionDefinition Subcommand(string name, string description, params DiscordCommandOptionDefinition[] options) =>
        new(DiscordCommandOptionDefinition.SubcommandType, name, description, Options: options.Length == 0 ? null : options);

    private static DiscordCommandOptionDefinition ChannelOption(string description) =>
        new(DiscordCommandOptionDefinition.ChannelType, "channel", description, ChannelTypes: DiscordCommandOptionDefinition.TextChannels);
}
