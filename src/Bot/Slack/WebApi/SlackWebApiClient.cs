using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Platform;
using Newsdesk.Slack.Replies;
using Newsdesk.Slack.Wire;

namespace Newsdesk.Slack.WebApi;

/// <summary>The one typed client for Slack's Web API and response_url. Bearer token, <c>ok:false</c> surfaced as
/// <see cref="SlackApiException"/> with Slack's error code; 429s and transient failures handled by the one
/// <see cref="PlatformRetryPolicy"/> (docs/protocols.md, "Rate limits").</summary>
public sealed class SlackWebApiClient(IHttpClientFactory httpClients, IOptions<SlackOptions> options, PlatformRetryPolicy retries, ILogger<SlackWebApiClient> logger)
{
    public const string HttpClientName = "Slack";

    /// <summary>Posts a message; in a thread when <paramref name="threadTs"/> is given. Returns the message's ts.</summary>
    public Task<string?> PostMessageAsync(string channel, string? threadTs, SlackMessageContent content, CancellationToken cancellationToken) =>
        PostMessageAsync(channel, threadTs, content, key: null, cancellationToken);

    /// <summary>With a <paramref name="key"/>, the message carries it as metadata, and a post that timed out, lost its
    /// connection or met a 5xx (Slack may have posted it anyway) is retried only after the thread has been searched
    /// for it: chat.postMessage has no idempotency key (docs/protocols.md, "Slack messages"), the metadata serves as one.</summary>
    public async Task<string?> PostMessageAsync(string channel, string? threadTs, SlackMessageContent content, SlackReplyKey? key, CancellationToken cancellationToken)
    {
        var payload = new JsonObject
        {
            ["channel"] = channel,
            ["text"] = content.Text,
            ["blocks"] = content.Blocks.DeepClone(),
            // Nothing in our text may turn into a mention or a channel link, whatever it contains.
            ["parse"] = "none",
            ["link_names"] = false,
            ["unfurl_links"] = false,
            ["unfurl_media"] = false,
        };
        if (threadTs is not null) payload["thread_ts"] = threadTs;
        if (key is not null) payload["metadata"] = key.ToMetadata();
        var url = new Uri(BaseUrl(), "chat.postMessage");
        var body = await SendAsync("chat.postMessage", () => Json(HttpMethod.Post, url, payload, options.Value.BotToken!), isIdempotent: false, cancellationToken,
            key is null ? null : ct => FindReplyAsync(key, ct));
        var response = EnsureOk("chat.postMessage", body);
        return response.TryGetProperty("ts", out var ts) ? ts.GetString() : null;
    }

    /// <summary>The ts of the bot's message carrying <paramref name="key"/>, or null: searched in the thread
    /// (conversations.replies) or, for a DM outside a thread, in the conversation since the question
    /// (conversations.history); scopes channels:, groups:, im: and mpim:history. Only the newest 200 are searched.</summary>
    public async Task<string?> FindReplyAsync(SlackReplyKey key, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["channel"] = key.Channel, ["include_all_metadata"] = "true", ["limit"] = "200" };
        if (key.ThreadTs is { } thread) form["ts"] = thread;
        else form["oldest"] = key.QuestionTs;
        var messages = await ReadMessagesAsync(key.ThreadTs is null ? "conversations.history" : "conversations.replies", form, cancellationToken);
        var found = messages.Select(m => m.TryGetProperty("ts", out var ts) && key.IsCarriedBy(m) ? ts.GetString() : null).FirstOrDefault(ts => ts is not null);
        if (found is not null) logger.LogInformation("Slack already has the reply {Key} (ts {Ts}); not posting it again", key.Key, found);
        return found;
    }

    /// <summary>Messages posted in a channel since <paramref name="oldest"/>, newest first (conversations.history, scope
    /// channels:history; form-encoded, as that read method expects). Used to find a digest after a crash.</summary>
    public Task<IReadOnlyList<JsonElement>> GetHistoryAsync(string channel, DateTimeOffset oldest, CancellationToken cancellationToken) =>
        ReadMessagesAsync("conversations.history", new Dictionary<string, string>
        {
            ["channel"] = channel,
            ["oldest"] = oldest.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["limit"] = "200",
        }, cancellationToken);

    /// <summary>A person's profile (users.info, scope users:read): whether they are an admin or owner.</summary>
    public async Task<JsonElement> GetUserAsync(string userId, CancellationToken cancellationToken) =>
        (await ReadAsync("users.info", new Dictionary<string, string> { ["user"] = userId }, cancellationToken)).GetProperty("user");

    /// <summary>The members of a user group (usergroups.users.list, scope usergroups:read).</summary>
    public async Task<IReadOnlyList<string>> GetUserGroupMembersAsync(string groupId, CancellationToken cancellationToken)
    {
        var response = await ReadAsync("usergroups.users.list", new Dictionary<string, string> { ["usergroup"] = groupId }, cancellationToken);
        return response.TryGetProperty("users", out var users) ? [.. users.EnumerateArray().Select(u => u.GetString()!)] : [];
    }

    private async Task<JsonElement> ReadAsync(string method, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        var url = new Uri(BaseUrl(), method);
        var body = await SendAsync(method, () => new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(form),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", options.Value.BotToken!) },
        }, isIdempotent: true, cancellationToken);
        return EnsureOk(method, body);
    }

    /// <summary>Read methods take form-encoded arguments.</summary>
    private async Task<IReadOnlyList<JsonElement>> ReadMessagesAsync(string method, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        var url = new Uri(BaseUrl(), method);
        var body = await SendAsync(method, () => new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(form),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", options.Value.BotToken!) },
        }, isIdempotent: true, cancellationToken);
        var response = EnsureOk(method, body);
        return response.TryGetProperty("messages", out var messages) ? messages.EnumerateArray().Select(m => m.Clone()).ToList() : [];
    }

    /// <summary>The bot's own user id, to strip its mention and ignore its messages.</summary>
    public async Task<string?> GetBotUserIdAsync(CancellationToken cancellationToken)
    {
        var response = await CallAsync("auth.test", new JsonObject(), options.Value.BotToken!, cancellationToken);
        return response.TryGetProperty("user_id", out var user) ? user.GetString() : null;
    }

    /// <summary>A fresh Socket Mode WebSocket URL (apps.connections.open, app-level token).</summary>
    public async Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var response = await CallAsync("apps.connections.open", new JsonObject(), options.Value.AppToken!, cancellationToken);
        return new Uri(response.GetProperty("url").GetString()!);
    }

    /// <summary>Answers a slash command through its response_url (usable 5 times within 30 minutes, docs/protocols.md, "Slash commands").</summary>
    public async Task RespondAsync(Uri responseUrl, JsonObject payload, CancellationToken cancellationToken)
    {
        var body = await SendAsync("response_url", () => Json(HttpMethod.Post, responseUrl, payload, token: null), isIdempotent: false, cancellationToken);
        // response_url answers plain "ok" or JSON with ok:false.
        if (body.TrimStart().StartsWith('{')) EnsureOk("response_url", body);
    }

    /// <summary>A read (auth.test, apps.connections.open): repeating it changes nothing.</summary>
    private async Task<JsonElement> CallAsync(string method, JsonObject payload, string token, CancellationToken cancellationToken)
    {
        var url = new Uri(BaseUrl(), method);
        var body = await SendAsync(method, () => Json(HttpMethod.Post, url, payload, token), isIdempotent: true, cancellationToken);
        return EnsureOk(method, body);
    }

    private static JsonElement EnsureOk(string method, string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (!root.TryGetProperty("ok", out var ok) || !ok.GetBoolean())
            throw new SlackApiException(method, root.TryGetProperty("error", out var error) ? error.GetString() ?? "unknown_error" : "unknown_error");
        return root.Clone();
    }

    /// <summary>Sends through the one <see cref="PlatformRetryPolicy"/>. A write (<paramref name="isIdempotent"/>
    /// false) is repeated after an outcome in which Slack may have acted (a timeout, a dropped connection, a 5xx) only
    /// with <paramref name="findExisting"/>, which looks for the message first: chat.postMessage has no idempotency
    /// key (docs/protocols.md, "Slack Web API").</summary>
    private async Task<string> SendAsync(string method, Func<HttpRequestMessage> request, bool isIdempotent, CancellationToken cancellationToken,
        Func<CancellationToken, Task<string?>>? findExisting = null)
    {
        string? found = null;
        var retriesAllowed = Math.Max(0, options.Value.MaxAttempts - 1);
        var call = new PlatformCall($"Slack {method}", httpClients.CreateClient(HttpClientName), request, isIdempotent)
        {
            MaxTransientRetries = retriesAllowed,
            MaxRateLimitRetries = retriesAllowed,
            FindExisting = findExisting is null ? null : async ct => (found = await findExisting(ct)) is not null,
        };
        var result = await retries.SendAsync(call, cancellationToken);
        if (result.WasFoundExisting) return new JsonObject { ["ok"] = true, ["ts"] = found }.ToJsonString();
        if (result.Status == HttpStatusCode.TooManyRequests) throw new SlackApiException(method, "ratelimited");
        if ((int)result.Status >= 500) throw new SlackApiException(method, $"http_{(int)result.Status}");
        return result.Body;
    }

    private Uri BaseUrl()
    {
        var baseUrl = options.Value.ApiBaseUrl.AbsoluteUri;
        return new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
    }

    private static HttpRequestMessage Json(HttpMethod verb, Uri url, JsonObject payload, string? token)
    {
        var message = new HttpRequestMessage(verb, url)
        {
            Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return message;
    }
}
