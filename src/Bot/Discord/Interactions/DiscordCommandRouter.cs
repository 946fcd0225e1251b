using Newsdesk.Discord.Commands;
using Newsdesk.Discord.Wire;

namespace Newsdesk.Discord.Interactions;

/// <summary>Turns a command interaction into a <see cref="DiscordCommandPlan"/>. Commands that change the bot
/// (<c>/feeds</c>, <c>/digest subscribe|unsubscribe</c>) are refused here, privately and before anything is queued,
/// unless the member holds Manage Server.</summary>
public sealed class DiscordCommandRouter(DiscordInfoCommands info, DiscordAdminCommands admin, DiscordStoryCommand story)
{
    public const string Unknown = "I don't know that command. Try /ask, /story, /sources, /about, /digest or /help.";
    public const string Empty = "Please type a question, for example: /ask question: Who shut down AllofMP3?";
    public const string NoTopic = "Please name a story, for example: /story topic: AllofMP3";
    public const string NoText = "That message has no text I can ask about.";

    public DiscordCommandPlan Route(DiscordInteraction interaction, DiscordInteractionData data)
    {
        if (data.Type == DiscordCommandDefinition.MessageType)
            return data.Name != DiscordCommandCatalog.AskAboutMessage ? DiscordCommandPlan.Refuse(Unknown)
                : data.TargetMessageText?.Trim() is { Length: > 0 } text ? DiscordCommandPlan.Ask(text, isEphemeral: true)
                : DiscordCommandPlan.Refuse(NoText);
        return data.Name switch
        {
            DiscordCommandCatalog.Ask => data.StringOption("question")?.Trim() is { Length: > 0 } question
                ? DiscordCommandPlan.Ask(question, data.BooleanOption("private"))
                : DiscordCommandPlan.Refuse(Empty),
            DiscordCommandCatalog.Story => data.StringOption("topic")?.Trim() is { Length: > 0 } topic
                ? Story(topic, 1, isEphemeral: false)
                : DiscordCommandPlan.Refuse(NoTopic),
            DiscordCommandCatalog.Sources => DiscordCommandPlan.Run(ct => info.SourcesAsync(data.StringOption("topic"), ct)),
            DiscordCommandCatalog.About => DiscordCommandPlan.Run(info.AboutAsync),
            DiscordCommandCatalog.Help => DiscordCommandPlan.Run(_ => Task.FromResult(DiscordInfoCommands.Help()), isEphemeral: true),
            DiscordCommandCatalog.Digest => Digest(interaction, data),
            DiscordCommandCatalog.Feeds => Feeds(interaction, data),
            _ => DiscordCommandPlan.Refuse(Unknown),
        };
    }

    /// <summary>A page of a story's brief; further pages (the "more" button) are one reader's, so private.</summary>
    public DiscordCommandPlan Story(string topic, int page, bool isEphemeral)
    {
        topic = topic.Length <= DiscordStoryCommand.TopicLimit ? topic : topic[..DiscordStoryCommand.TopicLimit].Trim();
        return DiscordCommandPlan.Story(topic, page, ct => story.BriefAsync(topic, page, ct), isEphemeral);
    }

    /// <summary><c>/digest</c> without a subcommand is the preview, as registered before it had subcommands.</summary>
    private DiscordCommandPlan Digest(DiscordInteraction interaction, DiscordInteractionData data)
    {
        var sub = data.Subcommand?.Name;
        if (sub is null or "preview") return DiscordCommandPlan.Run(info.DigestPreviewAsync, isEphemeral: true);
        if (sub == "when") return DiscordCommandPlan.Run(admin.WhenAsync, isEphemeral: true);
        var change = sub == "subscribe" ? "Subscribe a channel to the digest" : "Unsubscribe a channel from the digest";
        if (sub is not ("subscribe" or "unsubscribe")) return DiscordCommandPlan.Refuse(Unknown);
        if (DiscordMemberPermissions.RefuseUnlessManager(interaction, change) is { } refusal) return DiscordCommandPlan.Refuse(refusal);
        var channel = data.SubcommandString("channel") ?? interaction.ChannelId;
        if (channel is null) return DiscordCommandPlan.Refuse(Unknown);
        var actor = DiscordAdminCommands.Actor(interaction);
        return sub == "subscribe"
            ? DiscordCommandPlan.Run(ct => admin.SubscribeAsync(channel, channel == interaction.ChannelId, interaction.AppPermissionBits, actor, ct), isEphemeral: true)
            : DiscordCommandPlan.Run(ct => admin.UnsubscribeAsync(channel, actor, ct), isEphemeral: true);
    }

    private DiscordCommandPlan Feeds(DiscordInteraction interaction, DiscordInteractionData data)
    {
        var sub = data.Subcommand?.Name;
        if (sub is not ("add" or "list" or "remove")) return DiscordCommandPlan.Refuse(Unknown);
        if (DiscordMemberPermissions.RefuseUnlessManager(interaction, "Manage the feeds") is { } refusal) return DiscordCommandPlan.Refuse(refusal);
        var actor = DiscordAdminCommands.Actor(interaction);
        return sub switch
        {
            "add" when data.SubcommandString("url") is { Length: > 0 } url =>
                DiscordCommandPlan.Run(ct => admin.AddFeedAsync(url, data.SubcommandString("name"), actor, ct), isEphemeral: true),
            "remove" when data.SubcommandString("feed") is { Length: > 0 } feed =>
                DiscordCommandPlan.Run(ct => admin.RemoveFeedAsync(feed, actor, ct), isEphemeral: true),
            "list" => DiscordCommandPlan.Run(admin.ListFeedsAsync, isEphemeral: true),
            _ => DiscordCommandPlan.Refuse("Please give the feed's address: /feeds add url: https://…"),
        };
    }
}
