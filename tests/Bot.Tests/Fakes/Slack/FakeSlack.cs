using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newsdesk.Slack;
using Newsdesk.Tests.Fakes.Faults;
using Newsdesk.Slack.Endpoints;

namespace Newsdesk.Tests.Fakes.Slack;

/// <summary>A small Slack on loopback: signs requests to the bot as Slack does, records every Web API and
/// response_url call the bot makes, answers them (or replays scripted failures), and serves Socket Mode.</summary>
public sealed class FakeSlack : IAsyncDisposable
{
    public const string SigningSecret = "fake-signing-secret";
    public const string BotToken = "xoxb-fake-bot-token";
    public const string AppToken = "xapp-fake-app-token";
    public const string BotUserId = "UNEWSDESK";

    private readonly WebApplication app;
    private readonly List<SlackApiCall> calls = [];
    private readonly List<(Func<SlackApiCall, bool> Match, TaskCompletionSource<SlackApiCall> Waiter)> waiters = [];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SlackResponse>> scripted = new();
    private readonly Channel<FakeSlackSocket> sockets = Channel.CreateUnbounded<FakeSlackSocket>();
    private readonly CancellationTokenSource stopping = new();
    private long sequence;
    private TaskCompletionSource? heldPosts;

    private FakeSlack(WebApplication app, TimeProvider clock)
    {
        this.app = app;
        Clock = clock;
        Messages = new FakeSlackMessages(clock);
    }

    /// <summary>The messages the bot posted, as the channels show them.</summary>
    public FakeSlackMessages Messages { get; }

    /// <summary>How long after answering a chat.postMessage the fake lists it in conversations.replies and .history.</summary>
    public TimeSpan CommitLag { get; set; }

    /// <summary>The clock used for request timestamps; tests that fake the bot's time share it.</summary>
    public TimeProvider Clock { get; }

    public Uri BaseUrl { get; private set; } = null!;

    public Uri ApiBaseUrl => new(BaseUrl, "api/");

    public static async Task<FakeSlack> StartAsync(TimeProvider? clock = null)
    {
        var app = LoopbackApp.Create();
        var fake = new FakeSlack(app, clock ?? TimeProvider.System);
        app.UseWebSockets();
        app.MapPost("/api/{method}", (HttpContext context, string method) => fake.ApiAsync(context, method));
        app.MapPost("/response/{id}", (HttpContext context, string id) => fake.ApiAsync(context, "response_url"));
        app.Map("/socket", fake.SocketAsync);
        fake.BaseUrl = await LoopbackApp.StartAsync(app);
        return fake;
    }

    public Uri ResponseUrl(string id) => new(BaseUrl, $"response/{id}");

    /// <summary>The next call to <paramref name="method"/> gets this answer instead of the default.</summary>
    public void Script(string method, SlackResponse response) => scripted.GetOrAdd(method, _ => new()).Enqueue(response);

    /// <summary>Drops the answers still scripted for <paramref name="method"/>: its next calls get the default again.</summary>
    public void Unscript(string method) => scripted.TryRemove(method, out _);

    /// <summary>From now on every chat.postMessage is recorded, then held unanswered until <see cref="ReleasePosts"/>:
    /// a Slack that is slow for a while, so the bot has answers in flight at a moment the test chooses.</summary>
    public void HoldPosts() => Interlocked.CompareExchange(ref heldPosts, new(TaskCreationOptions.RunContinuationsAsynchronously), null);

    public void ReleasePosts() => Interlocked.Exchange(ref heldPosts, null)?.TrySetResult();

    public IReadOnlyList<SlackApiCall> Calls(Func<SlackApiCall, bool> match)
    {
        lock (calls) return calls.Where(match).ToList();
    }

    /// <summary>The first recorded call that matches, waiting for it if it has not come yet.</summary>
    public Task<SlackApiCall> WaitForCallAsync(Func<SlackApiCall, bool> match, TimeSpan? timeout = null)
    {
        var waiter = new TaskCompletionSource<SlackApiCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (calls)
        {
            if (calls.FirstOrDefault(match) is { } seen) return Task.FromResult(seen);
            waiters.Add((match, waiter));
        }
        return waiter.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
    }

    public Task<FakeSlackSocket> NextSocketAsync(TimeSpan? timeout = null) =>
        sockets.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? TimeSpan.FromSeconds(30));

    public long Now() => Interlocked.Increment(ref sequence);

    /// <summary>A request signed exactly as Slack signs: v0 HMAC-SHA256 over "v0:{ts}:{body}".</summary>
    public HttpRequestMessage SignRequest(string path, string body, string contentType, DateTimeOffset? at = null, string secret = SigningSecret)
    {
        var timestamp = (at ?? Clock.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Encoding.ASCII.GetString(SlackSignatureVerifier.Compute(secret, timestamp, bytes)));
        return request;
    }

    public HttpRequestMessage SignedEvent(string json, int? retryNum = null, DateTimeOffset? at = null, string secret = SigningSecret)
    {
        var request = SignRequest("slack/events", json, "application/json", at, secret);
        if (retryNum is { } retry)
        {
            request.Headers.Add("X-Slack-Retry-Num", retry.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }
        return request;
    }

    public HttpRequestMessage SignedCommand(IDictionary<string, string> form) =>
        SignRequest("slack/commands",
            string.Join("&", form.Select(f => $"{System.Net.WebUtility.UrlEncode(f.Key)}={System.Net.WebUtility.UrlEncode(f.Value)}")),
            "application/x-www-form-urlencoded");

    private async Task<IResult> ApiAsync(HttpContext context, string method)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var isJson = body.Length > 0 && body.TrimStart().StartsWith('{');
        var form = isJson || !context.Request.HasFormContentType ? null
            : Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body).ToDictionary(f => f.Key, f => f.Value.ToString());
        var call = new SlackApiCall(method, context.Request.Path, context.Request.Headers.Authorization.ToString(), isJson ? JsonNode.Parse(body) : null, Now(), form);
        Record(call);
        if (method == "chat.postMessage" && Volatile.Read(ref heldPosts) is { } held)
        {
            try { await held.Task.WaitAsync(stopping.Token); }
            catch (OperationCanceledException) { return Results.Empty; }
        }

        if (scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var response))
        {
            if (response.IsPosted) Messages.Post(call.Json, PostedTs(call));
            if (response.Hangs) await NetworkFaults.HangAsync(context, stopping.Token);
            if (response.Drops) await NetworkFaults.DropAsync(context);
            if (response.Hangs || response.Drops) return Results.Empty;
            if (response.RetryAfter is { } wait) context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Results.Text(response.Body, "application/json", statusCode: response.Status);
        }
        return method switch
        {
            "response_url" => Results.Text("ok"),
            "auth.test" => Json(new JsonObject { ["ok"] = true, ["user_id"] = BotUserId, ["bot_id"] = "BNEWSDESK" }),
            "apps.connections.open" => Json(new JsonObject { ["ok"] = true, ["url"] = new Uri(BaseUrl, "socket").AbsoluteUri.Replace("http", "ws", StringComparison.Ordinal) }),
            "chat.postMessage" => Posted(call),
            "conversations.replies" => Json(Messages.Replies(form ?? [])),
            "conversations.history" => Json(Messages.History(form ?? [])),
            _ => Json(new JsonObject { ["ok"] = false, ["error"] = "unknown_method" }),
        };
    }

    private IResult Posted(SlackApiCall call)
    {
        Messages.Post(call.Json, PostedTs(call), CommitLag);
        return Json(new JsonObject { ["ok"] = true, ["channel"] = call.Channel, ["ts"] = PostedTs(call) });
    }

    private static string PostedTs(SlackApiCall call) => $"1700000000.{call.Sequence:D6}";

    private void Record(SlackApiCall call)
    {
        List<TaskCompletionSource<SlackApiCall>> ready;
        lock (calls)
        {
            calls.Add(call);
            var matched = waiters.Where(w => w.Match(call)).ToList();
            foreach (var w in matched) waiters.Remove(w);
            ready = matched.Select(w => w.Waiter).ToList();
        }
        foreach (var waiter in ready) waiter.TrySetResult(call);
    }

    private async Task SocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
        using var socket = new FakeSlackSocket(webSocket, Now(), Now);
        await socket.SendAsync(new JsonObject { ["type"] = "hello", ["num_connections"] = 1 });
        sockets.Writer.TryWrite(socket);
        await socket.RunAsync(context.RequestAborted);
    }

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }
}
