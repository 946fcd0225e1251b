using System.Globalization;
using System.Text.RegularExpressions;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Digest;
using Newsdesk.Slack.Events;
using Newsdesk.Slack.Wire;

namespace Newsdesk.Slack.Commands;

/// <summary><c>/newsdesk feeds add|list|remove</c> and <c>/newsdesk digest subscribe|unsubscribe|when</c>: the bot set
/// up from Slack, saved in the store with who did it. Each returns the text of its private reply.</summary>
public sealed partial class SlackAdminCommands(SlackAdminCheck check, ISlackChannelModeStore modes, FeedAdministration feeds, FeedCatalog catalog,
    IDigestSubscriptionStore subscriptions, DigestDestinations destinations, DigestSchedule schedule, TimeProvider time)
{
    public const string FeedsUsage = "Use `/newsdesk feeds add <url> [name]`, `/newsdesk feeds list` or `/newsdesk feeds remove <url or name>`.";

    public static bool IsDigestChange(string rest) => FirstWord(rest) is "subscribe" or "unsubscribe" or "when";

    public async Task<string> FeedsAsync(SlackCommand command, string rest, CancellationToken cancellationToken)
    {
        var verb = FirstWord(rest);
        var argument = rest.Length > verb.Length ? rest[verb.Length..].Trim() : "";
        if (verb is not ("add" or "list" or "remove")) return FeedsUsage;
        if (await check.RefuseUnlessAdminAsync(command.UserId, "manage the feeds", cancellationToken) is { } refusal) return refusal;
        var actor = $"slack:{command.UserId}";
        switch (verb)
        {
            case "add" when argument.Length > 0:
                var space = argument.IndexOf(' ', StringComparison.Ordinal);
                var url = space < 0 ? argument : argument[..space];
                var added = await feeds.AddAsync(url, space < 0 ? null : argument[(space + 1)..], actor, cancellationToken);
                return added.IsAdded
                    ? $"Now following {added.Title ?? added.Url!.Host} ({added.Url}). Latest item: {added.Latest?.Title ?? "(none)"}. " +
                      $"Its {added.Stored} current items are searchable now; only stories that arrive from now on go into the digest."
                    : added.Refusal!;
            case "remove" when argument.Length > 0:
                return await feeds.RemoveAsync(argument, actor, cancellationToken) ?? $"I no longer follow {argument}. Its stories stay searchable.";
            case "list":
                var list = await catalog.ListAsync(cancellationToken);
                return list.Count == 0 ? "I follow no feeds yet. Add one with `/newsdesk feeds add <url>`."
                    : "Feeds I follow:\n" + string.Join("\n", list.Select(f => $"• {f.DisplayName} {f.Url} — " + (f.IsConfigured
                        ? "from the bot's configuration"
                        : $"added by {Who(f.AddedBy!)} on {f.AddedAt!.Value.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}")));
            default:
                return FeedsUsage;
        }
    }

    public async Task<string> DigestAsync(SlackCommand command, string rest, CancellationToken cancellationToken)
    {
        var verb = FirstWord(rest);
        if (verb == "when")
        {
            var channels = (await destinations.ListAsync(cancellationToken)).Where(d => d.Destination.Platform == DigestPlatform.Slack)
                .Select(d => $"channel {d.Destination.Target}").ToList();
            return schedule.Describe(time.GetUtcNow()) + (channels.Count == 0 ? " No channel here gets it yet." : $" It goes to {string.Join(", ", channels)}.");
        }
        var argument = rest[verb.Length..].Trim();
        var channel = argument.Length == 0 ? command.ChannelId : ChannelReference().Match(argument) is { Success: true } match ? match.Groups["id"].Value : null;
        if (channel is null || !DigestDestination.TryParse($"slack:{channel}", out var destination))
            return "Name the channel as a link (type # and pick it), or run the command in that channel.";
        var change = verb == "subscribe" ? "subscribe a channel to the digest" : "unsubscribe a channel from the digest";
        if (await check.RefuseUnlessAdminAsync(command.UserId, change, cancellationToken) is { } refusal) return refusal;
        var actor = $"slack:{command.UserId}";
        if (verb == "subscribe")
            return await subscriptions.SubscribeAsync(destination!, actor, cancellationToken)
                ? $"Channel {channel} gets the daily digest from the next one on (invite me to it if I'm not there yet). {schedule.Describe(time.GetUtcNow())}"
                : $"Channel {channel} already gets the daily digest.";
        if (await subscriptions.UnsubscribeAsync(destination!, actor, cancellationToken)) return $"Channel {channel} no longer gets the daily digest.";
        return (await destinations.ListAsync(cancellationToken)).Any(d => d.IsConfigured && d.Destination.Key == destination!.Key)
            ? $"Channel {channel} gets the digest from the bot's configuration (Digest:Destinations); remove it there."
            : $"Channel {channel} was not subscribed to the daily digest.";
    }

    /// <summary><c>/newsdesk mode mentions|all</c> for the channel the command is used in.</summary>
    public async Task<string> ModeAsync(SlackCommand command, string rest, CancellationToken cancellationToken)
    {
        var mode = FirstWord(rest);
        if (command.ChannelId is not { } channel) return "Use `/newsdesk mode` in the channel it is for.";
        if (mode is not (SlackChannelModeStore.Mentions or SlackChannelModeStore.All))
            return $"This channel is in `{await modes.GetAsync(channel, cancellationToken)}` mode. Use `/newsdesk mode mentions` (I answer when mentioned) " +
                "or `/newsdesk mode all` (I also answer every question posted here, in a thread, and stay quiet when the news doesn't cover it).";
        if (await check.RefuseUnlessAdminAsync(command.UserId, "change how I listen in a channel", cancellationToken) is { } refusal) return refusal;
        await modes.SetAsync(channel, mode, $"slack:{command.UserId}", cancellationToken);
        return mode == SlackChannelModeStore.All
            ? "From now on I answer every question posted in this channel, in a thread, and stay quiet when the news I follow doesn't cover it. Add me to the channel if I'm not in it."
            : "From now on I answer in this channel only when mentioned.";
    }

    private static string FirstWord(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return (space < 0 ? text : text[..space]).ToLowerInvariant();
    }

    /// <summary>Replies are escaped whole (feed titles come from the internet), so people are named by id, not as mentions.</summary>
    private static string Who(string actor) => actor.StartsWith("slack:", StringComparison.Ordinal) ? $"user {actor[6..]}" : actor;

    /// <summary>A channel as Slack writes a link (<c>&lt;#C123|name&gt;</c>, or <c>&lt;#C123&gt;</c>), or a bare id.</summary>
    [GeneratedRegex(@"^(?:<#(?<id>[CG][A-Z0-9]{6,})(?:\|[^>]*)?>|(?<id>[CG][A-Z0-9]{6,}))$")]
    private static partial Regex ChannelReference();
}
