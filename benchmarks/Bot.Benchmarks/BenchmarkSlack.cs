using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newsdesk.Slack.Endpoints;

namespace Newsdesk.Benchmarks;

/// <summary>The few Slack Web API methods a mention's answer calls, on loopback, answering at once: each
/// chat.postMessage completes the waiter of its channel, so a benchmark times a mention from its signed POST to its
/// reply. The bot's signing secret and token are fixed here.</summary>
public sealed class BenchmarkSlack : IAsyncDisposable
{
    public const string SigningSecret = "benchmark-signing-secret";
    public const string BotToken = "xoxb-benchmark-token";
    public const string BotUserId = "UNEWSDESK";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> replies = new(StringComparer.Ordinal);
    private long posted;

    private BenchmarkSlack(WebApplication app) => this.app = app;

    public Uri ApiBaseUrl { get; private set; } = null!;

    public static async Task<BenchmarkSlack> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var slack = new BenchmarkSlack(app);
        app.MapPost("/api/{method}", (HttpContext context, string method) => slack.ApiAsync(context, method));
        await app.StartAsync();
        slack.ApiBaseUrl = new Uri(app.Urls.First() + "/api/");
        return slack;
    }

    /// <summary>Completes when the bot has posted in <paramref name="channel"/>.</summary>
    public Task ReplyAsync(string channel) =>
        replies.GetOrAdd(channel, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>A mention of the bot, signed as Slack signs (v0 HMAC-SHA256 over "v0:{timestamp}:{body}").</summary>
    public static HttpRequestMessage SignedMention(string eventId, string channel, string ts, string question)
    {
        var body = new JsonObject
        {
            ["token"] = "deprecated", ["team_id"] = "T1", ["api_app_id"] = "A1", ["type"] = "event_callback", ["event_id"] = eventId,
            ["event_time"] = 1_700_000_000,
            ["event"] = new JsonObject
            {
                ["type"] = "app_mention", ["user"] = "UPERSON", ["text"] = $"<@{BotUserId}> {question}", ["ts"] = ts, ["channel"] = channel, ["event_ts"] = ts,
            },
        }.ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "slack/events") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Encoding.ASCII.GetString(SlackSignatureVerifier.Compute(SigningSecret, timestamp, bytes)));
        return request;
    }

    private async Task<IResult> ApiAsync(HttpContext context, string method)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
        var channel = form?["channel"].ToString();
        if (channel is null && context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
            channel = (await JsonNode.ParseAsync(context.Request.Body))?["channel"]?.GetValue<string>();
        JsonObject reply = method switch
        {
            "auth.test" => new() { ["ok"] = true, ["user_id"] = BotUserId, ["bot_id"] = "BNEWSDESK" },
            "chat.postMessage" => new() { ["ok"] = true, ["channel"] = channel, ["ts"] = $"1800000000.{Interlocked.Increment(ref posted):D6}" },
            "conversations.replies" or "conversations.history" => new() { ["ok"] = true, ["messages"] = new JsonArray() },
            "users.info" => new() { ["ok"] = true, ["user"] = new JsonObject { ["id"] = "UPERSON", ["is_admin"] = false } },
            _ => new() { ["ok"] = false, ["error"] = "unknown_method" },
        };
        if (method == "chat.postMessage" && channel is not null)
            replies.GetOrAdd(channel, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return Results.Text(reply.ToJsonString(), "application/json");
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
