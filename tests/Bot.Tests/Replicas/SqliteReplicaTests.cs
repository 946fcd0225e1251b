using Newsdesk.Tests.Faults;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Replicas;

/// <summary>Two real <c>serve</c> processes on one SQLite file with the fake Slack: a rolling deploy (the new process
/// starts while the old one still has questions in flight, then the old one is stopped and drains) and a process
/// SIGKILLed beside a live one. Every thread ends with exactly one answer: the journal's leases keep each question with
/// the process that holds it, and hand it over only when that process has let it go or died.</summary>
public sealed class SqliteReplicaTests
{
    private const int Threads = 12;

    /// <summary>Long enough that renewals every 2 s keep a lease alive on a loaded machine.</summary>
    private static readonly string[] Settings = ["--Chat:JournalLease=00:00:06", "--Slack:RequestTimeout=00:02:00"];

    [Fact]
    public async Task ARollingDeployOnOneFileGivesEveryThreadExactlyOneAnswer()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        var database = folder.File("bot.db");
        await using var old = await ServeProcess.StartAsync(slack, database, Settings);
        await AskWhileSlackIsSlowAsync(slack, old, "CROLL");

        // The new process starts while the old one holds every question, then the old one is told to stop.
        await using var successor = await ServeProcess.StartAsync(slack, database, Settings);
        var (oldReady, successorReady) = (await old.Http.GetStringAsync("readyz"), await successor.Http.GetStringAsync("readyz"));
        Assert.Contains($"database: SQLite {database}, reachable; this process is ", oldReady, StringComparison.Ordinal);
        Assert.NotEqual(oldReady[oldReady.IndexOf("this process is", StringComparison.Ordinal)..].Split('\n')[0],
            successorReady[successorReady.IndexOf("this process is", StringComparison.Ordinal)..].Split('\n')[0]);
        var stopping = old.TerminateAsync(TimeSpan.FromSeconds(60));
        slack.ReleasePosts();
        await stopping;

        await SettledAsync(slack, successor, "CROLL");
        AssertOneAnswerPerThread(slack, "CROLL");
        // The successor never took over a question the old process still held: a taken-over reply looks for its
        // earlier post first, and there was no such look-up.
        Assert.Empty(slack.Calls(c => c.Method == "conversations.replies" && c.Channel?.StartsWith("CROLL", StringComparison.Ordinal) == true));
        Assert.Equal(0, successor.Occurrences("Recovered unanswered question"));
    }

    [Fact]
    public async Task AProcessKilledMidAnswerHasItsQuestionsAnsweredOnceByTheOtherAfterItsLeasesExpire()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        var database = folder.File("bot.db");
        await using var survivor = await ServeProcess.StartAsync(slack, database, Settings);
        await using var killed = await ServeProcess.StartAsync(slack, database, Settings);
        await AskWhileSlackIsSlowAsync(slack, killed, "CKILLED");

        await killed.KillAsync();
        slack.ReleasePosts();

        await survivor.WaitForLogAsync("Recovered unanswered question", TimeSpan.FromSeconds(60), count: Threads);
        await SettledAsync(slack, survivor, "CKILLED");
        AssertOneAnswerPerThread(slack, "CKILLED");
    }

    /// <summary>Holds Slack's posts, asks <see cref="Threads"/> questions in as many threads, and waits until the
    /// process is answering the first: its answer is in flight and the rest are journalled under its leases.</summary>
    private static async Task AskWhileSlackIsSlowAsync(FakeSlack slack, ServeProcess serve, string channel)
    {
        slack.HoldPosts();
        for (var i = 0; i < Threads; i++)
        {
            var mention = SlackEvents.Mention($"Ev{channel}{i}", $"{channel}{i}", Thread(i), $"{SlackEvents.BotMention} {SlackEvents.Question}");
            (await serve.Http.SendAsync(slack.SignedEvent(mention))).EnsureSuccessStatusCode();
        }
        await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel?.StartsWith(channel, StringComparison.Ordinal) == true, TimeSpan.FromSeconds(60));
    }

    /// <summary>Every thread has an answer, then a sentinel through <paramref name="serve"/> (one worker, so whatever it
    /// had queued went out before it) is answered too: nothing more is coming.</summary>
    private static async Task SettledAsync(FakeSlack slack, ServeProcess serve, string channel)
    {
        for (var i = 0; i < Threads; i++)
        {
            var thread = $"{channel}{i}";
            await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == thread, TimeSpan.FromSeconds(90));
        }
        var sentinel = SlackEvents.Mention($"Ev{channel}Sentinel", $"{channel}SENTINEL", Thread(0), $"{SlackEvents.BotMention} {SlackEvents.Question}");
        (await serve.Http.SendAsync(slack.SignedEvent(sentinel))).EnsureSuccessStatusCode();
        await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == $"{channel}SENTINEL", TimeSpan.FromSeconds(60));
    }

    private static void AssertOneAnswerPerThread(FakeSlack slack, string channel)
    {
        var counts = Enumerable.Range(0, Threads).Select(i => slack.Messages.InThread($"{channel}{i}", Thread(i)).Count).ToList();
        Assert.True(counts.All(c => c == 1), $"answers per thread: {string.Join(", ", counts)}");
    }

    private static string Thread(int i) => $"1700000100.{i + 100:D6}";
}
