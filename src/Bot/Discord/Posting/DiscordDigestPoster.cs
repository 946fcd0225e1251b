using System.Text.Json;
using Newsdesk.Digest;
using Newsdesk.Discord.Rest;

namespace Newsdesk.Discord.Posting;

/// <summary>Posts digests to Discord channels by id (<c>discord:ID</c> destinations) with the bot token. The post
/// carries the digest's marker as its <c>nonce</c> with <c>enforce_nonce</c>, so a retry within Discord's window is
/// deduplicated by Discord itself; after a crash the marker is looked for in the channel's recent messages.</summary>
public sealed class DiscordDigestPoster(DiscordRestClient client) : IDigestPoster
{
    private const int HistoryToSearch = 50;

    public bool Handles(DigestDestination destination) => destination.Platform == DigestPlatform.DiscordChannel;

    public bool CanFindPosted => true;

    public async Task<string> PostAsync(DigestDestination destination, DigestContent digest, string marker, CancellationToken cancellationToken)
    {
        var body = DiscordWebhookDigestMessage.Build(digest, marker);
        // resources/message.mdx: nonce ≤ 25 characters; enforce_nonce makes Discord return the earlier message instead
        // of posting twice when the same nonce arrives again within a few minutes.
        body["nonce"] = marker;
        body["enforce_nonce"] = true;
        try
        {
            var message = await client.CreateChannelMessageAsync(destination.Target, body, cancellationToken);
            return message.TryGetProperty("id", out var id) ? id.GetString()! : throw new DigestPostException("Discord accepted the digest but returned no message id");
        }
        catch (DiscordApiException exception)
        {
            throw new DigestPostException($"Discord refused the digest: {exception.Message}");
        }
    }

    public async Task<string?> FindPostedAsync(DigestDestination destination, string marker, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var messages = await client.GetChannelMessagesAsync(destination.Target, HistoryToSearch, cancellationToken);
        if (messages.ValueKind != JsonValueKind.Array) return null;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.GetRawText().Contains(marker, StringComparison.Ordinal)) return message.GetProperty("id").GetString();
        }
        return null;
    }
}
