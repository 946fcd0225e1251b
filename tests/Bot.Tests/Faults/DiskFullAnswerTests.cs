using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Faults;

/// <summary>The real program with its SQLite file on a small tmpfs that the test fills to the last byte and frees
/// again (see <see cref="SmallDisk"/>): questions on both platforms are still answered, each once; the failing writes
/// are logged once per kind, counted on /metrics and named by /readyz; once space returns it all recovers, no restart.</summary>
public sealed class DiskFullAnswerTests
{
    private const string Database = "bot.db";

    [SmallDiskFact]
    public async Task WhileTheDiskIsFullQuestionsAreAnsweredOnceAndOnceSpaceReturnsWritesResumeWithoutARestart()
    {
        using var folder = new TemporaryFolder();
        var mount = folder.File("disk");
        Directory.CreateDirectory(mount);
        await using var slack = await FakeSlack.StartAsync();
        await using var discord = await FakeDiscord.StartAsync();
        await using var serve = await ServeProcess.StartAsync([
            "--corpus", TestPaths.Seeds, $"--Storage:Database={Path.Combine(mount, Database)}", "--Chat:Workers=1",
            "--Chat:RateLimits:IsEnabled=false", $"--Slack:ApiBaseUrl={slack.ApiBaseUrl}",
            $"--Discord:ApiBaseUrl={discord.ApiBaseUrl}", $"--Discord:ApplicationId={FakeDiscord.ApplicationId}",
            $"--Discord:PublicKey={FakeDiscord.PublicKeyHex}", "--Discord:AnswerBudgetMilliseconds=0",
        ], new Dictionary<string, string>
        {
            ["Slack__BotToken"] = FakeSlack.BotToken, ["Slack__SigningSecret"] = FakeSlack.SigningSecret, ["Discord__BotToken"] = FakeDiscord.BotToken,
        }, smallDisk: mount);
        var disk = SmallDisk.Seen(serve.Id, mount);

        // A bot that has been running: its Slack and Discord tables exist before the disk fills.
        await AskSlackAsync(serve, slack, "EvBefore", "CBEFORE", "1700000100.000100");
        await AskDiscordAsync(serve, discord);
        SmallDisk.Fill(disk);

        var full = await AskSlackAsync(serve, slack, "EvFull", "CFULL", "1700000100.000200");
        // Slack's retry of the same event, and the same message delivered under another event id: neither is answered again.
        using (var retry = await serve.Http.SendAsync(slack.SignedEvent(full, retryNum: 1))) Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var copy = SlackEvents.Mention("EvFullCopy", "CFULL", "1700000100.000200", $"{SlackEvents.BotMention} {SlackEvents.Question}");
        using (var again = await serve.Http.SendAsync(slack.SignedEvent(copy))) Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await AskSlackAsync(serve, slack, "EvFull2", "CFULL2", "1700000100.000300");
        await AskDiscordAsync(serve, discord);
        // One worker answers in arrival order, so a duplicate queued before this sentinel would have been answered by now.
        await AskSlackAsync(serve, slack, "EvFullSentinel", "CFULLSENTINEL", "1700000100.000400");
        Assert.Single(slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CFULL"));

        using (var ready = await serve.Http.GetAsync("readyz"))
        {
            var body = await ready.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Contains("degraded: the store cannot be written", body, StringComparison.Ordinal);
            Assert.Contains("slack_claims since", body, StringComparison.Ordinal);
            Assert.Contains("database or disk is full", body, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await serve.Http.GetAsync("healthz")).StatusCode);
        var metrics = await serve.Http.GetStringAsync("metrics");
        var storeLines = string.Join("\n", metrics.Split('\n').Where(l => l.StartsWith("newsdesk_store", StringComparison.Ordinal)));
        Assert.True(Regex.IsMatch(metrics, Sample("newsdesk_store_write_failures_total", "reason=\"full\",store=\"slack_claims\"", "3")), storeLines);
        // Slack's thread turn and journal entry are written in the claim's transaction, so they fail with it. The
        // journal's own writes: at least the Discord question's entry; removing the entries of the questions answered
        // just before the disk filled may fail too, depending on when those removals land.
        Assert.True(Regex.IsMatch(metrics, Sample("newsdesk_store_write_failures_total", "reason=\"full\",store=\"chat_journal\"", "[1-9][0-9]*")), storeLines);
        Assert.True(Regex.IsMatch(metrics, Sample("newsdesk_store_write_failures_total", "reason=\"full\",store=\"answer_feedback\"", "[1-9][0-9]*")), storeLines);
        Assert.True(Regex.IsMatch(metrics, Sample("newsdesk_store_writable", "", "0")), storeLines);
        // Once per kind, however many writes failed.
        Assert.Equal(1, serve.Occurrences("Store writes (slack_claims) fail: SQLite Error 13"));
        Assert.Equal(1, serve.Occurrences("Store writes (chat_journal) fail"));
        Assert.Equal(1, serve.Occurrences("Store writes (answer_feedback) fail"));
        Assert.False(serve.HasExited);

        SmallDisk.Free(disk);
        await AskSlackAsync(serve, slack, "EvAfter", "CAFTER", "1700000100.000500");
        await AskDiscordAsync(serve, discord);
        using (var ready = await serve.Http.GetAsync("readyz"))
        {
            var body = await ready.Content.ReadAsStringAsync();
            Assert.StartsWith("ready\ndatabase: SQLite ", body, StringComparison.Ordinal);
            Assert.DoesNotContain("degraded", body, StringComparison.Ordinal);
        }
        await ScrapeUntilAsync(serve, Sample("newsdesk_store_writable", "", "1"));
        Assert.Contains("Store writes (slack_claims) work again", serve.Log, StringComparison.Ordinal);
        // The claim taken while full was held in memory only; the one after is in the store again.
        var claims = ReadClaims(SmallDisk.CopyOut(disk, Database, folder.Path));
        Assert.Contains("event:EvAfter", claims);
        Assert.Contains("event:EvBefore", claims);
        Assert.DoesNotContain("event:EvFull", claims);
        // Still held in memory after space returned: a late retry is not answered.
        using (var late = await serve.Http.SendAsync(slack.SignedEvent(full, retryNum: 2))) Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        await AskSlackAsync(serve, slack, "EvAfterSentinel", "CAFTERSENTINEL", "1700000100.000600");
        Assert.Single(slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CFULL"));
    }

    private static async Task<string> AskSlackAsync(ServeProcess serve, FakeSlack slack, string eventId, string channel, string ts)
    {
        var mention = SlackEvents.Mention(eventId, channel, ts, $"{SlackEvents.BotMention} {SlackEvents.Question}");
        using var response = await serve.Http.SendAsync(slack.SignedEvent(mention));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{eventId}: {response.StatusCode}\n{serve.Log}");
        var post = await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == channel, TimeSpan.FromSeconds(60));
        Assert.DoesNotContain("something went wrong", post.Json?.ToJsonString() ?? "", StringComparison.Ordinal);
        return mention;
    }

    /// <summary>A deferred /ask (the answer budget is 0), then the edit that carries the answer: an embed, not the apology.</summary>
    private static async Task AskDiscordAsync(ServeProcess serve, FakeDiscord discord)
    {
        var (_, token, body) = FakeInteractions.Ask(SlackEvents.Question);
        using var response = await serve.Http.SendAsync(discord.SignedInteraction(serve.Address, body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var edit = (await discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.Contains(token, StringComparison.Ordinal))).Single();
        Assert.Contains("\"embeds\":[{", edit.Body, StringComparison.Ordinal);
    }

    private static string Sample(string name, string labels, string value) =>
        $@"(?m)^{name}(\{{[^}}\n]*{System.Text.RegularExpressions.Regex.Escape(labels)}[^}}\n]*\}})? {value}( |$)";

    /// <summary>The exporter serves a cached scrape for a moment; bounded polling.</summary>
    private static async Task ScrapeUntilAsync(ServeProcess serve, string pattern)
    {
        var metrics = "";
        for (var attempt = 0; attempt < 50; attempt++)
        {
            metrics = await serve.Http.GetStringAsync("metrics");
            if (System.Text.RegularExpressions.Regex.IsMatch(metrics, pattern)) return;
            await Task.Delay(100);
        }
        Assert.Fail($"{pattern} not in /metrics:\n{string.Join("\n", metrics.Split('\n').Where(l => l.StartsWith("newsdesk_store", StringComparison.Ordinal)))}");
    }

    private static List<string> ReadClaims(string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key FROM slack_handled";
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read()) keys.Add(reader.GetString(0));
        return keys;
    }
}
