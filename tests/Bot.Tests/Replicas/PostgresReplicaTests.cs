using Newsdesk.Tests.Faults;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Replicas;

/// <summary>Two real <c>serve</c> processes on one PostgreSQL database (chat state and corpus; each has its own SQLite
/// file only for feed health, as replicas on two machines would), with the fake Slack: a mention and Slack's retry of
/// it, landing on different replicas, get one reply; a rolling deploy gives every thread exactly one answer; a replica
/// SIGKILLed mid-answer has its questions answered once by the other after its leases expire; a replica whose database
/// restarts under it answers what it had journalled, once, and clears it from the journal, without restarting.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReplicaTests(PostgresServer server)
{
    private const int Threads = 8;

    [PostgresFact]
    public async Task AMentionAndItsRetrySentToDifferentReplicasGetOneReply()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        var settings = await SettingsAsync();
        await using var first = await ServeProcess.StartAsync(slack, folder.File("first.db"), settings);
        await using var second = await ServeProcess.StartAsync(slack, folder.File("second.db"), settings);
        var ready = await first.Http.GetStringAsync("readyz");
        Assert.Contains("storage provider: PostgreSQL 127.0.0.1:", ready, StringComparison.Ordinal);
        Assert.Contains("reachable; the corpus, feeds and chat state there", ready, StringComparison.Ordinal);

        for (var i = 0; i < Threads; i++)
        {
            var mention = SlackEvents.Mention($"EvRETRY{i}", $"CRETRY{i}", Thread(i), $"{SlackEvents.BotMention} {SlackEvents.Question}");
            var sent = await Task.WhenAll(first.Http.SendAsync(slack.SignedEvent(mention)), second.Http.SendAsync(slack.SignedEvent(mention)));
            foreach (var response in sent) response.EnsureSuccessStatusCode();
        }

        await SettledAsync(slack, [first, second], "CRETRY");
        AssertOneAnswerPerThread(slack, "CRETRY");
    }

    [PostgresFact]
    public async Task ARollingDeployOnPostgresGivesEveryThreadExactlyOneAnswer()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        var settings = await SettingsAsync();
        await using var old = await ServeProcess.StartAsync(slack, folder.File("old.db"), settings);
        slack.HoldPosts();
        for (var i = 0; i < Threads; i++)
        {
            var mention = SlackEvents.Mention($"EvROLL{i}", $"CPGROLL{i}", Thread(i), $"{SlackEvents.BotMention} {SlackEvents.Question}");
            (await old.Http.SendAsync(slack.SignedEvent(mention))).EnsureSuccessStatusCode();
        }
        await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel?.StartsWith("CPGROLL", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(60));

        // The new process starts while the old one holds every question, then the old one is told to stop and drains.
        await using var successor = await ServeProcess.StartAsync(slack, folder.File("new.db"), settings);
        var stopping = old.TerminateAsync(TimeSpan.FromSeconds(60));
        slack.ReleasePosts();
        await stopping;

        await SettledAsync(slack, [successor], "CPGROLL");
        AssertOneAnswerPerThread(slack, "CPGROLL");
    }

    [PostgresFact]
    public async Task AReplicaKilledMidAnswerHasItsQuestionsAnsweredOnceByTheOtherAfterItsLeasesExpire()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        var settings = await SettingsAsync();
        await using var survivor = await ServeProcess.StartAsync(slack, folder.File("survivor.db"), settings);
        await using var killed = await ServeProcess.StartAsync(slack, folder.File("killed.db"), settings);
        slack.HoldPosts();
        for (var i = 0; i < Threads; i++)
        {
            var mention = SlackEvents.Mention($"EvPGKILL{i}", $"CPGKILL{i}", Thread(i), $"{SlackEvents.BotMention} {SlackEvents.Question}");
            (await killed.Http.SendAsync(slack.SignedEvent(mention))).EnsureSuccessStatusCode();
        }
        // Its first answer is in flight (the post is held) and the rest are journalled under its leases.
        await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel?.StartsWith("CPGKILL", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(60));

        await killed.KillAsync();
        slack.ReleasePosts();

        await survivor.WaitForLogAsync("Recovered unanswered question", TimeSpan.FromSeconds(90), count: Threads);
        await SettledAsync(slack, [survivor], "CPGKILL");
        AssertOneAnswerPerThread(slack, "CPGKILL");
    }

    [PostgresFact]
    public async Task AReplicaRidesOutADatabaseRestartAndAnswersWhatItHadJournalledOnceWithoutARestartOfItsOwn()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        await using var replica = await ServeProcess.StartAsync(slack, folder.File("replica.db"), [.. await SettingsAsync(), "--Storage:ReconnectFor=00:02:00"]);
        slack.HoldPosts();
        for (var i = 0; i < Threads; i++)
        {
            var mention = SlackEvents.Mention($"EvPGDOWN{i}", $"CPGDOWN{i}", Thread(i), $"{SlackEvents.BotMention} {SlackEvents.Question}");
            (await replica.Http.SendAsync(slack.SignedEvent(mention))).EnsureSuccessStatusCode();
        }
        // Every question is acknowledged and journalled; the first answer is in flight (its post is held).
        await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel?.StartsWith("CPGDOWN", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(60));

        await server.StopAsync();
        try
        {
            slack.ReleasePosts();
            // The replica has met the outage: it is retrying (or, without retries, has given up on the journal).
            await replica.WaitForLogLineAsync(l => l.Contains("The PostgreSQL connection was lost", StringComparison.Ordinal)
                || l.Contains("Could not remove answered question", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        }
        finally
        {
            await server.StartAsync();
        }

        await SettledAsync(slack, [replica], "CPGDOWN");
        AssertOneAnswerPerThread(slack, "CPGDOWN");
        await using var connection = new Npgsql.NpgsqlConnection(await server.DatabaseAsync(GetType()));
        await connection.OpenAsync();
        await using var left = new Npgsql.NpgsqlCommand("SELECT count(*) FROM chat_journal WHERE reply LIKE '%CPGDOWN%'", connection);
        Assert.Equal(0L, await left.ExecuteScalarAsync());
        Assert.Equal(0, replica.Occurrences("Could not remove answered question"));
        Assert.True(replica.Occurrences("The PostgreSQL connection works again") >= 1, replica.Log);
    }

    /// <summary>Long enough that renewals keep a lease alive on a loaded machine; the chat state on this class's database.</summary>
    private async Task<string[]> SettingsAsync() =>
        ["--Chat:JournalLease=00:00:06", "--Slack:RequestTimeout=00:02:00", "--Storage:Provider=PostgreSQL",
            $"--Storage:ConnectionString={await server.DatabaseAsync(GetType())}"];

    /// <summary>Every thread has an answer, then a sentinel through each process (one worker each, so whatever it had
    /// queued went out before it) is answered too: nothing more is coming.</summary>
    private static async Task SettledAsync(FakeSlack slack, IReadOnlyList<ServeProcess> replicas, string channel)
    {
        for (var i = 0; i < Threads; i++)
            await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == $"{channel}{i}", TimeSpan.FromSeconds(90));
        for (var r = 0; r < replicas.Count; r++)
        {
            var sentinel = SlackEvents.Mention($"Ev{channel}Sentinel{r}", $"{channel}SENTINEL{r}", Thread(0), $"{SlackEvents.BotMention} {SlackEvents.Question}");
            (await replicas[r].Http.SendAsync(slack.SignedEvent(sentinel))).EnsureSuccessStatusCode();
            await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == $"{channel}SENTINEL{r}", TimeSpan.FromSeconds(60));
        }
    }

    private static void AssertOneAnswerPerThread(FakeSlack slack, string channel)
    {
        var counts = Enumerable.Range(0, Threads).Select(i => slack.Messages.InThread($"{channel}{i}", Thread(i)).Count).ToList();
        Assert.True(counts.All(c => c == 1), $"answers per thread: {string.Join(", ", counts)}");
    }

    private static string Thread(int i) => $"1700000200.{i + 100:D6}";
}
