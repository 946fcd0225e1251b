using System.Globalization;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Digest;
using Newsdesk.Discord.Replies;
using Newsdesk.Discord.Wire;

namespace Newsdesk.Discord.Commands;

/// <summary><c>/feeds add|list|remove</c> and <c>/digest when|subscribe|unsubscribe</c>: the bot set up from Discord.
/// Changes are saved in the store (effective at once, in every process) with who made them; replies are private.</summary>
public sealed class DiscordAdminCommands(FeedAdministration feeds, FeedCatalog catalog, IDigestSubscriptionStore subscriptions,
    DigestDestinations destinations, DigestSchedule schedule, DiscordChannelPermissions channelPermissions, TimeProvider time)
{
    private const int ListColor = 0x2F855A;

    public static string Actor(DiscordInteraction interaction) => $"discord:{interaction.UserId}";

    public async Task<DiscordMessagePayload> AddFeedAsync(string url, string? name, string actor, CancellationToken cancellationToken)
    {
        var added = await feeds.AddAsync(url, name, actor, cancellationToken);
        if (!added.IsAdded) return Private(added.Refusal!);
        var latest = added.Latest is { } item ? DiscordStoryList.Line(item.Title, item.Link, added.Url!.Host) : "(none)";
        var description = $"""
            Now following **{Escape(added.Title ?? added.Url!.Host)}** (<{added.Url}>).
            Latest item: {latest}
            Its {added.Stored} current items are searchable now; only stories that arrive from now on go into the digest.
            """;
        return Embed("Feed added", description);
    }

    public async Task<DiscordMessagePayload> ListFeedsAsync(CancellationToken cancellationToken)
    {
        var list = await catalog.ListAsync(cancellationToken);
        if (list.Count == 0) return Embed("Feeds I follow", "None yet. Add one with /feeds add url: https://…");
        var lines = list.Select(f => $"• **{Escape(f.DisplayName)}** <{f.Url}> — " + (f.IsConfigured
            ? "from the bot's configuration"
            : $"added by {Who(f.AddedBy!)} on {f.AddedAt!.Value.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}"));
        return Embed("Feeds I follow", DiscordStoryList.Join(lines));
    }

    public async Task<DiscordMessagePayload> RemoveFeedAsync(string feed, string actor, CancellationToken cancellationToken) =>
        await feeds.RemoveAsync(feed, actor, cancellationToken) is { } refusal ? Private(refusal) : Private($"I no longer follow {feed}. Its stories stay searchable.");

    /// <param name="appPermissions">The bot's permissions in the interaction's channel, from the payload.</param>
    public async Task<DiscordMessagePayload> SubscribeAsync(string channelId, bool isThisChannel, ulong appPermissions, string actor, CancellationToken cancellationToken)
    {
        var missing = DiscordChannelPermissions.MissingForDigests(isThisChannel ? appPermissions : await PermissionsInAsync(channelId, cancellationToken));
        if (missing.Count > 0)
            return Private($"I can't post the digest in <#{channelId}>: I need {string.Join(", ", missing)} there. Grant them to my role, then subscribe again.");
        var destination = new DigestDestination(DigestPlatform.DiscordChannel, channelId);
        return await subscriptions.SubscribeAsync(destination, actor, cancellationToken)
            ? Private($"<#{channelId}> gets the daily digest from the next one on. {schedule.Describe(time.GetUtcNow())}")
            : Private($"<#{channelId}> already gets the daily digest.");
    }

    public async Task<DiscordMessagePayload> UnsubscribeAsync(string channelId, string actor, CancellationToken cancellationToken)
    {
        var destination = new DigestDestination(DigestPlatform.DiscordChannel, channelId);
        if (await subscriptions.UnsubscribeAsync(destination, actor, cancellationToken)) return Private($"<#{channelId}> no longer gets the daily digest.");
        var isConfigured = (await destinations.ListAsync(cancellationToken)).Any(d => d.IsConfigured && d.Destination.Key == destination.Key);
        return Private(isConfigured
            ? $"<#{channelId}> gets the digest from the bot's configuration (Digest:Destinations); remove it there."
            : $"<#{channelId}> was not subscribed to the daily digest.");
    }

    public async Task<DiscordMessagePayload> WhenAsync(CancellationToken cancellationToken)
    {
        var channels = (await destinations.ListAsync(cancellationToken))
            .Where(d => d.Destination.Platform == DigestPlatform.DiscordChannel).Select(d => $"<#{d.Destination.Target}>").ToList();
        var where = channels.Count == 0 ? "No channel here gets it yet: /digest subscribe adds one." : $"It goes to {string.Join(", ", channels)}.";
        return Embed("When the digest comes", $"{schedule.Describe(time.GetUtcNow())}\n{where}");
    }

    /// <summary>Zero when they cannot be read (the bot cannot see the channel, or has no token): then everything is missing.</summary>
    private async Task<ulong> PermissionsInAsync(string channelId, CancellationToken cancellationToken)
    {
        try
        {
            return await channelPermissions.InChannelAsync(channelId, cancellationToken);
        }
        catch (Exception exception) when (exception is Rest.DiscordApiException or InvalidOperationException or KeyNotFoundException)
        {
            return 0;
        }
    }

    private static string Who(string actor) => actor.StartsWith("discord:", StringComparison.Ordinal) ? $"<@{actor[8..]}>" : actor;

    private static string Escape(string text) => text.Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static DiscordMessagePayload Private(string text) => DiscordMessagePayload.Text(text, isEphemeral: true);

    private static DiscordMessagePayload Embed(string title, string description) =>
        new(Embeds: [new DiscordEmbed(title, DiscordTextCutter.Cut(description, DiscordAnswerFormatter.DescriptionLimit), Color: ListColor)], Flags: DiscordMessagePayload.Ephemeral);
}
