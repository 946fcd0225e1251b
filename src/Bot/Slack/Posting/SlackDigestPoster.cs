using Newsdesk.Digest;
using Newsdesk.Slack.WebApi;

namespace Newsdesk.Slack.Posting;

/// <summary>Posts digests to Slack channels (<c>slack:C…</c> destinations) with chat.postMessage, and finds a digest
/// posted before a crash by its marker in conversations.history.</summary>
public sealed class SlackDigestPoster(SlackWebApiClient client) : IDigestPoster
{
    public bool Handles(DigestDestination destination) => destination.Platform == DigestPlatform.Slack;

    public bool CanFindPosted => true;

    public async Task<string> PostAsync(DigestDestination destination, DigestContent digest, string marker, CancellationToken cancellationToken)
    {
        try
        {
            return await client.PostMessageAsync(destination.Target, threadTs: null, SlackDigestFormatter.Format(digest, marker), cancellationToken)
                ?? throw new DigestPostException("Slack accepted the digest but returned no ts");
        }
        catch (SlackApiException exception)
        {
            // Slack answered ok:false, or retries ran out on 429/5xx: nothing was posted.
            throw new DigestPostException($"Slack refused the digest: {exception.Message}");
        }
    }

    public async Task<string?> FindPostedAsync(DigestDestination destination, string marker, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var messages = await client.GetHistoryAsync(destination.Target, since, cancellationToken);
        var match = messages.FirstOrDefault(m => m.GetRawText().Contains(marker, StringComparison.Ordinal));
        return match.ValueKind == System.Text.Json.JsonValueKind.Undefined ? null : match.GetProperty("ts").GetString();
    }
}
