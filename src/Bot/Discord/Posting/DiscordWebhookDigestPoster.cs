using Newsdesk.Digest;
using Newsdesk.Discord.Rest;

namespace Newsdesk.Discord.Posting;

/// <summary>Posts digests through a Discord channel webhook (no bot token needed: docs/protocols.md, "Webhooks"),
/// with the REST client's <c>POST {webhook}?wait=true</c>, so Discord returns the created message and its id, and
/// the post gets the User-Agent, timeout, rate-limit handling and retry policy of every other Discord call. A 5xx or
/// a lost connection is not retried: webhooks cannot list a channel's messages, so a post whose outcome was lost
/// cannot be looked up, and a blind repeat could post the digest twice.</summary>
public sealed class DiscordWebhookDigestPoster(DiscordRestClient rest) : IDigestPoster
{
    public bool Handles(DigestDestination destination) => destination.Platform == DigestPlatform.DiscordWebhook;

    public bool CanFindPosted => false;

    public Task<string?> FindPostedAsync(DigestDestination destination, string marker, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    public async Task<string> PostAsync(DigestDestination destination, DigestContent digest, string marker, CancellationToken cancellationToken)
    {
        try
        {
            var created = await rest.ExecuteWebhookAsync(new Uri(destination.Target), DiscordWebhookDigestMessage.Build(digest, marker), cancellationToken);
            return created.GetProperty("id").GetString()!;
        }
        catch (Exception error) when (error is DiscordApiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new DigestPostException($"Discord webhook {destination.Key} failed: {error.Message}");
        }
    }
}
