using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Newsdesk.Discord;

/// <summary>The one way the bot talks to Discord's REST API. Sends the User-Agent Discord requires and
/// <c>Authorization: Bot …</c> where a route needs it; waits out rate limits and retries the same message after a
/// 429; retries transient 5xx with backoff; turns other failures into <see cref="DiscordApiException"/>; and never
/// uses again a webhook that answered 404 (topics/rate-limits.mdx: "you should not attempt to use it again").</summary>
public sealed class DiscordRestClient(
    IHttpClientFactory httpClients,
    IOptions<DiscordOptions> options,
    DiscordRateLimiter limiter,
    TimeProvider time,
    ILogger<DiscordRestClient> logger)
{
    public const string HttpClientName = "Discord";
    private const int MaxRateLimitRetries = 5;
    private const int MaxTransientRetries = 3;
    private static readonly string Version = typeof(DiscordRestClient).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
    private readonly ConcurrentDictionary<string, bool> goneWebhooks = new(StringComparer.Ordinal);

    /// <summary>Edits the reply to an interaction (after a deferral): no bot token, the interaction token authorises it.</summary>
    public Task EditOriginalResponseAsync(string interactionToken, DiscordMessagePayload message, CancellationToken cancellationToken)
    {
        var application = RequireApplicationId();
        var route = new DiscordRoute(HttpMethod.Patch, "/webhooks/{application}/{token}/messages/@original", $"{application}/{interactionToken}",
            Api($"/webhooks/{application}/{Uri.EscapeDataString(interactionToken)}/messages/@original"), IsAuthenticated: false);
        return SendWebhookAsync(route, message, cancellationToken);
    }

    /// <summary>PUT replaces the whole command set, so running it twice leaves the same set (application-commands.mdx,
    /// Bulk Overwrite).</summary>
    public async Task<JsonElement> BulkOverwriteCommandsAsync(string? guildId, IReadOnlyList<DiscordCommandDefinition> commands, CancellationToken cancellationToken)
    {
        var application = RequireApplicationId();
        var route = guildId is null
            ? new DiscordRoute(HttpMethod.Put, "/applications/{application}/commands", application, Api($"/applications/{application}/commands"), true)
            : new DiscordRoute(HttpMethod.Put, "/applications/{application}/guilds/{guild}/commands", guildId,
                Api($"/applications/{application}/guilds/{Uri.EscapeDataString(guildId)}/commands"), true);
        return Parse(await SendAsync(route, commands, cancellationToken));
    }

    /// <summary>Posts with the bot token (needs SEND_MESSAGES in the channel).</summary>
    public async Task<JsonElement> CreateChannelMessageAsync(string channelId, DiscordMessagePayload message, CancellationToken cancellationToken)
    {
        var route = new DiscordRoute(HttpMethod.Post, "/channels/{channel}/messages", channelId, Api($"/channels/{Uri.EscapeDataString(channelId)}/messages"), true);
        return Parse(await SendAsync(route, message with { Flags = null }, cancellationToken));
    }

    /// <summary>Posts a prepared JSON body (a digest) with the bot token.</summary>
    public async Task<JsonElement> CreateChannelMessageAsync(string channelId, System.Text.Json.Nodes.JsonObject body, CancellationToken cancellationToken)
    {
        var route = new DiscordRoute(HttpMethod.Post, "/channels/{channel}/messages", channelId, Api($"/channels/{Uri.EscapeDataString(channelId)}/messages"), true);
        return Parse(await SendAsync(route, body, cancellationToken));
    }

    /// <summary>The channel's most recent messages, newest first (needs READ_MESSAGE_HISTORY).</summary>
    public async Task<JsonElement> GetChannelMessagesAsync(string channelId, int limit, CancellationToken cancellationToken)
    {
        var route = new DiscordRoute(HttpMethod.Get, "/channels/{channel}/messages", channelId,
            Api($"/channels/{Uri.EscapeDataString(channelId)}/messages?limit={Math.Clamp(limit, 1, 100)}"), true);
        return Parse(await SendAsync(route, null, cancellationToken));
    }

    /// <summary>A GET with the bot token, for set-up checks: <paramref name="template"/> names the route for rate
    /// limits, <paramref name="path"/> is the same with the ids in it (already escaped).</summary>
    public async Task<JsonElement> GetAsync(string template, string majorParameter, string path, CancellationToken cancellationToken) =>
        Parse(await SendAsync(new DiscordRoute(HttpMethod.Get, template, majorParameter, Api(path), true), null, cancellationToken));

    /// <summary>Posts through a channel webhook URL (no bot needed); <c>wait=true</c> returns the created message.</summary>
    public async Task<JsonElement> ExecuteWebhookAsync(Uri webhookUrl, DiscordMessagePayload message, CancellationToken cancellationToken)
    {
        var url = new UriBuilder(webhookUrl) { Query = "wait=true" }.Uri;
        var route = new DiscordRoute(HttpMethod.Post, "/webhooks/{webhook}/{token}", webhookUrl.AbsolutePath, url, IsAuthenticated: false);
        return Parse(await SendWebhookAsync(route, message with { Flags = null }, cancellationToken));
    }

    public bool IsWebhookGone(Uri webhookUrl) => goneWebhooks.ContainsKey(webhookUrl.AbsolutePath);

    private async Task<string> SendWebhookAsync(DiscordRoute route, object body, CancellationToken cancellationToken)
    {
        if (goneWebhooks.ContainsKey(route.MajorParameter))
            throw new DiscordApiException(HttpStatusCode.NotFound, null, "this webhook answered 404 before and is no longer used", route.ToString());
        try
        {
            return await SendAsync(route, body, cancellationToken);
        }
        catch (DiscordApiException error) when (error.Status == HttpStatusCode.NotFound)
        {
            goneWebhooks[route.MajorParameter] = true;
            throw;
        }
    }

    private async Task<string> SendAsync(DiscordRoute route, object? body, CancellationToken cancellationToken)
    {
        var json = body is null ? null : JsonSerializer.Serialize(body, body.GetType(), DiscordJson.Options);
        var client = httpClients.CreateClient(HttpClientName);
        for (int rateLimited = 0, transient = 0; ; )
        {
            await limiter.WaitAsync(route, cancellationToken);
            HttpResponseMessage response;
            try
            {
                // A request message can be sent once, so each attempt builds a new one from the same JSON.
                using var request = Build(route, json);
                response = await client.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException error) when (transient < MaxTransientRetries)
            {
                await BackOffAsync(route, ++transient, error.Message, cancellationToken);
                continue;
            }
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                limiter.Observe(route, response.Headers);
                if (response.IsSuccessStatusCode) return text;
                if (response.StatusCode == HttpStatusCode.TooManyRequests && rateLimited++ < MaxRateLimitRetries)
                {
                    var (retryAfter, isGlobal) = ReadRateLimit(response, text);
                    logger.LogWarning("Discord rate-limited {Route}{Scope}; retrying in {Seconds:0.###} s", route, isGlobal ? " (global)" : "", retryAfter.TotalSeconds);
                    limiter.Block(route, retryAfter, isGlobal);
                    continue;
                }
                if ((int)response.StatusCode >= 500 && transient < MaxTransientRetries)
                {
                    await BackOffAsync(route, ++transient, $"HTTP {(int)response.StatusCode}", cancellationToken);
                    continue;
                }
                throw DiscordApiException.FromBody(response.StatusCode, text, route.ToString(), options.Value.BotToken);
            }
        }
    }

    private Task BackOffAsync(DiscordRoute route, int attempt, string reason, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
        logger.LogWarning("Discord {Route} failed ({Reason}); retry {Attempt} in {Seconds} s", route, reason, attempt, delay.TotalSeconds);
        return Task.Delay(delay, time, cancellationToken);
    }

    private HttpRequestMessage Build(DiscordRoute route, string? json)
    {
        var request = new HttpRequestMessage(route.Method, route.Url);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", $"DiscordBot ({options.Value.UserAgentUrl}, {Version})");
        if (route.IsAuthenticated)
        {
            var token = options.Value.BotToken;
            if (string.IsNullOrWhiteSpace(token)) throw new InvalidOperationException("Discord:BotToken is not set (Discord__BotToken in the environment).");
            request.Headers.TryAddWithoutValidation("Authorization", $"Bot {token}");
        }
        return request;
    }

    /// <summary>"rely on the Retry-After header or retry_after field" (topics/rate-limits.mdx); the body's float is
    /// more precise, the header a fallback; a second is assumed when both are missing.</summary>
    private static (TimeSpan RetryAfter, bool IsGlobal) ReadRateLimit(HttpResponseMessage response, string body)
    {
        TimeSpan? retryAfter = null;
        var isGlobal = response.Headers.TryGetValues("X-RateLimit-Global", out var global) && global.Contains("true", StringComparer.OrdinalIgnoreCase);
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("retry_after", out var value) && value.TryGetDouble(out var seconds) && seconds >= 0) retryAfter = TimeSpan.FromSeconds(seconds);
            if (json.RootElement.TryGetProperty("global", out var flag) && flag.ValueKind == JsonValueKind.True) isGlobal = true;
        }
        catch (JsonException)
        {
        }
        retryAfter ??= DiscordRateLimiter.Seconds(response.Headers.TryGetValues("Retry-After", out var header) ? header.FirstOrDefault() : null);
        return (retryAfter ?? TimeSpan.FromSeconds(1), isGlobal);
    }

    private Uri Api(string path) => new(options.Value.ApiBaseUrl.ToString().TrimEnd('/') + path);

    private string RequireApplicationId() =>
        options.Value.ApplicationId is { Length: > 0 } id ? id : throw new InvalidOperationException("Discord:ApplicationId is not set.");

    private static JsonElement Parse(string text) => text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
}
