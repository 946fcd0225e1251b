using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Newsdesk.Digest;

namespace Newsdesk.Discord.Posting;

/// <summary>Posts digests through a Discord channel webhook (no bot token needed, PROTOCOLS.md §1.9):
/// <c>POST {webhook}?wait=true</c> so Discord returns the created message and its id. A 429 is waited out using its
/// <c>retry_after</c> (seconds, D6) on the injected clock; 5xx and network failures are retried with backoff.
/// Webhooks cannot list a channel's messages, so a post whose outcome was lost cannot be looked up here.</summary>
public sealed class DiscordWebhookDigestPoster(IHttpClientFactory httpClients, TimeProvider time, ILogger<DiscordWebhookDigestPoster> logger) : IDigestPoster
{
    public const string HttpClientName = "DiscordWebhookDigest";
    private const int MaxAttempts = 5;

    public bool Handles(DigestDestination destination) => destination.Platform == DigestPlatform.DiscordWebhook;

    public bool CanFindPosted => false;

    public Task<string?> FindPostedAsync(DigestDestination destination, string marker, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    public async Task<string> PostAsync(DigestDestination destination, DigestContent digest, string marker, CancellationToken cancellationToken)
    {
        var body = DiscordWebhookDigestMessage.Build(digest, marker).ToJsonString();
        var url = new UriBuilder(destination.Target) { Query = "wait=true" }.Uri;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan wait;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    using var created = JsonDocument.Parse(text);
                    return created.RootElement.GetProperty("id").GetString()!;
                }
                if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500 || attempt >= MaxAttempts)
                    throw new DigestPostException($"Discord webhook {destination.Key} answered {(int)response.StatusCode}");
                wait = response.StatusCode == HttpStatusCode.TooManyRequests ? RetryAfter(response, text) : Backoff(attempt);
                logger.LogWarning("Discord webhook {Destination} answered {Status}; retrying in {Seconds} s", destination.Key, (int)response.StatusCode, wait.TotalSeconds);
            }
            catch (HttpRequestException exception) when (attempt < MaxAttempts)
            {
                // The message may not say which host; it never holds the webhook token, but log the type only to be sure.
                wait = Backoff(attempt);
                logger.LogWarning("Discord webhook {Destination} failed ({Error}); retrying in {Seconds} s", destination.Key, exception.GetType().Name, wait.TotalSeconds);
            }
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("retry_after", out var seconds) && seconds.TryGetDouble(out var value))
                return TimeSpan.FromSeconds(Math.Max(value, 0));
        }
        catch (JsonException)
        {
        }
        return response.Headers.RetryAfter?.Delta
            ?? (response.Headers.TryGetValues("Retry-After", out var values) && double.TryParse(values.First(), CultureInfo.InvariantCulture, out var header)
                ? TimeSpan.FromSeconds(header) : TimeSpan.FromSeconds(1));
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, attempt - 1)));
}
