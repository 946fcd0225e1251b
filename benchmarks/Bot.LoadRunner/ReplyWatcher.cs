using Newsdesk.Chat.Intake;
using System.Collections.Concurrent;
using System.Diagnostics;
using Newsdesk.Discord;
using Newsdesk.Slack;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Discord.Commands;
using Newsdesk.Discord.Replies;
using Newsdesk.Slack.Replies;

namespace Newsdesk.LoadRunner;

/// <summary>Reads what the fake platforms received, in order, every few milliseconds, and credits each reply to the
/// request it answers: a Discord edit of @original by interaction token, a Slack chat.postMessage by channel and
/// thread. Anything that matches no request is a stray reply, counted as an error.</summary>
public sealed class ReplyWatcher(FakeDiscord discord, FakeSlack slack) : IAsyncDisposable
{
    /// <summary>The resolution of answer latency; polling is cheap next to the server's work.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    private readonly ConcurrentDictionary<string, LoadRequest> byKey = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private Task? loop;
    private int seenDiscord;
    private int seenSlack;
    private int stray;

    public int StrayReplies => Volatile.Read(ref stray);

    public void Track(LoadRequest request) => byKey[request.Key] = request;

    public void Start() => loop = Task.Run(RunAsync);

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token)) Poll();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        Poll();
    }

    private void Poll()
    {
        var now = Stopwatch.GetTimestamp();
        var discordRequests = discord.Requests;
        for (; seenDiscord < discordRequests.Count; seenDiscord++)
        {
            var request = discordRequests[seenDiscord];
            if (request.Method != "PATCH" || !request.Path.EndsWith("/messages/@original", StringComparison.Ordinal)) continue;
            var token = request.Path.Split('/')[^3];
            var content = request.Json.TryGetProperty("content", out var c) ? c.GetString() ?? "" : "";
            Credit(token, now, content == DiscordAnswerFormatter.Apology ? ReplyKind.Failure : ReplyKind.Answer);
        }
        var posts = slack.Calls(call => call.Method == "chat.postMessage");
        for (; seenSlack < posts.Count; seenSlack++)
        {
            var post = posts[seenSlack];
            var kind = post.Text.Contains("something went wrong", StringComparison.Ordinal) ? ReplyKind.Failure
                : post.Text.Contains("answering a lot of questions", StringComparison.Ordinal) ? ReplyKind.Busy : ReplyKind.Answer;
            Credit($"{post.Channel}/{post.ThreadTs}", now, kind);
        }
    }

    private void Credit(string key, long at, ReplyKind kind)
    {
        if (byKey.TryGetValue(key, out var request)) request.AddReply(at, kind);
        else Interlocked.Increment(ref stray);
    }

    /// <summary>The Discord /ask busy text, answered inline; kept here so both platforms' texts are read in one place.</summary>
    public static bool IsDiscordBusy(string content) => content == ChatNotices.Busy;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (loop is not null) await loop;
        stop.Dispose();
    }
}
