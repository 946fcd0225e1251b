using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newsdesk.Tests.Fakes;

namespace Newsdesk.Tests.Digest;

/// <summary>A Discord channel webhook on loopback: records every Execute Webhook call (query and JSON body), answers
/// <c>?wait=true</c> with the created message and its id, and can answer 429 with a <c>retry_after</c> first.</summary>
public sealed class FakeDiscordWebhook(WebApplication app) : IAsyncDisposable
{
    private readonly List<(string Query, JsonObject Body)> posts = [];
    private readonly ConcurrentQueue<double> rateLimits = new();
    private long nextId = 1_300_000_000_000_000_000;

    public Uri WebhookUrl { get; private set; } = null!;

    public static async Task<FakeDiscordWebhook> StartAsync()
    {
        var app = LoopbackApp.Create();
        var fake = new FakeDiscordWebhook(app);
        app.MapPost("/api/webhooks/{id}/{token}", (HttpContext context, string id, string token) => fake.ExecuteAsync(context));
        fake.WebhookUrl = new Uri(await LoopbackApp.StartAsync(app), "api/webhooks/1234567890/fake-webhook-token");
        return fake;
    }

    public IReadOnlyList<(string Query, JsonObject Body)> Posts
    {
        get { lock (posts) return posts.ToList(); }
    }

    public int Requests { get; private set; }

    private readonly List<(int Count, TaskCompletionSource Waiter)> waiters = [];

    /// <summary>Completes once <paramref name="count"/> messages have been created.</summary>
    public Task WaitForPostsAsync(int count)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (posts)
        {
            if (posts.Count >= count) return Task.CompletedTask;
            waiters.Add((count, waiter));
        }
        return waiter.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public void RateLimitNext(double retryAfterSeconds) => rateLimits.Enqueue(retryAfterSeconds);

    /// <summary>The User-Agent of every request, in order.</summary>
    public IReadOnlyList<string> UserAgents
    {
        get { lock (userAgents) return userAgents.ToList(); }
    }

    private readonly List<string> userAgents = [];
    private int hangs;

    /// <summary>The next request is read and then never answered (until the server stops).</summary>
    public void HangNext() => Interlocked.Increment(ref hangs);

    private async Task<IResult> ExecuteAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
        Requests++;
        lock (userAgents) userAgents.Add(context.Request.Headers.UserAgent.ToString());
        if (Interlocked.Decrement(ref hangs) >= 0)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.Empty;
        }
        Interlocked.Exchange(ref hangs, 0);
        if (rateLimits.TryDequeue(out var wait))
        {
            var limited = new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = wait, ["global"] = false };
            return Results.Text(limited.ToJsonString(), "application/json", statusCode: StatusCodes.Status429TooManyRequests);
        }
        var id = Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
        List<TaskCompletionSource> ready;
        lock (posts)
        {
            posts.Add((context.Request.QueryString.Value ?? "", body));
            ready = waiters.Where(w => posts.Count >= w.Count).Select(w => w.Waiter).ToList();
            waiters.RemoveAll(w => posts.Count >= w.Count);
        }
        foreach (var waiter in ready) waiter.TrySetResult();
        var created = new JsonObject { ["id"] = id, ["channel_id"] = "1100000000000000001", ["content"] = body["content"]?.DeepClone() };
        return Results.Text(created.ToJsonString(), "application/json");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
