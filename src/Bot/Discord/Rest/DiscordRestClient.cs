using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Newsdesk.Platform;
using Newsdesk.Discord.Commands;
using Newsdesk.Discord.Wire;

namespace Newsdesk.Discord.Rest;

/// <summary>The one way the bot talks to Discord's REST API. Sends the User-Agent Discord requires and
/// <c>Authorization: Bot …</c> where a route needs it; waits out rate limits and retries the same message after a
/// 429, and retries transient failures of idempotent calls, through the one <see cref="PlatformRetryPolicy"/>; turns other failures into <see cref="DiscordApiException"/>; and never
/// uses again a webhook that answered 404 (topics/rate-limits.mdx: "you should not attempt to use it again").</summary>
public sealed class DiscordRestClient(
    IHttpClientFactory httpClients,
    IOptions<DiscordOptions> options,
    DiscordRateLimiter limiter,
    PlatformRetryPolicy retries)
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
    public Task<JsonElement> ExecuteWebhookAsync(Uri webhookUrl, DiscordMessagePayload message, CancellationToken cancellationToken) =>
        ExecuteWebhookAsync(webhookUrl, (object)(message with { Flags = null }), cancellationToken);

    /// <summary>Posts a prepared JSON body (a digest) through a channel webhook URL.</summary>
    public Task<JsonElement> ExecuteWebhookAsync(Uri webhookUrl, System.Text.Json.Nodes.JsonObject body, CancellationToken cancellationToken) =>
        ExecuteWebhookAsync(webhookUrl, (object)body, cancellationToken);

    private async Task<JsonElement> ExecuteWebhookAsync(Uri webhookUrl, object body, CancellationToken cancellationToken)
    {
        var url = new UriBuilder(webhookUrl) { Query = "wait=true" }.Uri;
        var route = new DiscordRoute(HttpMethod.Post, "/webhooks/{webhook}/{token}", webhookUrl.AbsolutePath, url, IsAuthenticated: false);
        return Parse(await SendWebhookAsync(route, body, cancellationToken));
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
        // A POST creates a message: after a 5xx or a lost connection Discord may have created it, and neither a
        // channel post nor a webhook can be looked up here, so only PATCH, PUT and GET are repeated after doubt.
        var call = new PlatformCall($"Discord {route}", httpClients.CreateClient(HttpClientName), () => Build(route, json), IsIdempotent: route.Method != HttpMethod.Post)
        {
            MaxTransientRetries = MaxTransientRetries,
            MaxRateLimitRetries = MaxRateLimitRetries,
            BeforeAttemptAsync = ct => limiter.WaitAsync(route, ct),
            Observe = headers => limiter.Observe(route, headers),
            OnRateLimited = (wait, response, text) => limiter.Block(route, wait, IsGlobal(response, text)),
        };
        var result = await retries.SendAsync(call, cancellationToken);
        if (result.IsSuccess) return result.Body;
        throw DiscordApiException.FromBody(result.Status, result.Body, route.ToString(), options.Value.BotToken);
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

    /// <summary>A global limit binds every route of the bot: the header says so, or the body's <c>global</c> field.</summary>
    private static bool IsGlobal(HttpResponseMessage response, string body)
    {
        if (response.Headers.TryGetValues("X-RateLimit-Global", out var global) && global.Contains("true", StringComparer.OrdinalIgnoreCase)) return true;
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("global", out var flag) && flag.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private Uri Api(string path) => new(options.Value.ApiBaseUrl.ToString().TrimEnd('/') + path);

    private string RequireApplicationId() =>
        options.Value.ApplicationId is { Length: > 0 } id ? id : throw new InvalidOperationException("Discord:ApplicationId is not set.");

    private static JsonElement Parse(string text) => text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
}
