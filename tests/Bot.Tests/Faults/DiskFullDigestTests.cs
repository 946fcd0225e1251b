using Microsoft.Data.Sqlite;
using Newsdesk.Tests.Fakes.Feeds;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Faults;

/// <summary>The real program on a small tmpfs (see <see cref="SmallDisk"/>) with a digest to post and a feed to poll
/// when the disk fills: the digest cannot claim its slot, so it does not post; the feed poll fails without leaving
/// half a document; once space returns the digest posts once and the next poll takes the story in, with no restart.</summary>
public sealed class DiskFullDigestTests
{
    private const string Database = "bot.db";
    private const string Channel = "CDIGESTFULL";

    [SmallDiskFact(NeedsShared = true)]
    public async Task WhileTheDiskIsFullTheDigestWaitsAndTheFeedIsNotHalfWrittenThenBothCatchUpOnce()
    {
        using var folder = new TemporaryFolder();
        var mount = folder.File("disk");
        Directory.CreateDirectory(mount);
        await using var slack = await FakeSlack.StartAsync();
        await using var feeds = await FakeFeedServer.StartAsync(TimeProvider.System);
        feeds.AddFeed("news");
        feeds.AddItem("news", BbcArticle.Load("entertainment/001.txt"), DateTimeOffset.UtcNow.AddHours(-1));
        // Every digest attempt is refused until the disk is full, so the slot is still unposted when it fills, however
        // slowly this machine reaches that point; the next try after the 5 s lease takes the claim over, which is a write.
        for (var i = 0; i < 1000; i++) slack.Script("chat.postMessage", new SlackResponse(200, """{"ok":false,"error":"not_in_channel"}"""));
        await using var serve = await ServeProcess.StartAsync([
            "--corpus", TestPaths.Seeds, $"--Storage:Database={Path.Combine(mount, Database)}", $"--Slack:ApiBaseUrl={slack.ApiBaseUrl}",
            "--Digest:Schedule=0 0 * * *", "--Digest:TimeZone=UTC", "--Digest:CatchUpWindow=23:59:00", "--Digest:ClaimLease=00:00:05",
            $"--Digest:Destinations:0=slack:{Channel}",
            "--Corpus:FeedAllowLoopback=true", "--Corpus:FeedPollInterval=00:00:01", $"--Corpus:Feeds:0:Url={feeds.FeedUrl("news")}", "--Corpus:Feeds:0:Name=feed0",
        ], new Dictionary<string, string> { ["Slack__BotToken"] = FakeSlack.BotToken, ["Slack__SigningSecret"] = FakeSlack.SigningSecret }, smallDisk: mount);
        var disk = SmallDisk.Seen(serve.Id, mount);
        await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == Channel, TimeSpan.FromSeconds(60));
        await serve.WaitForLogAsync("Feed feed0: 1 new back-catalogue stories", TimeSpan.FromSeconds(60));

        SmallDisk.Fill(disk);
        var story = BbcArticle.Load("entertainment/002.txt");
        feeds.AddItem("news", story, DateTimeOffset.UtcNow.AddSeconds(-1));
        await serve.WaitForLogAsync("Polling the feeds stopped: the store cannot be written (SQLite Error 13", TimeSpan.FromSeconds(30), count: 2);
        await serve.WaitForLogAsync("not posted: the digest ledger cannot be written", TimeSpan.FromSeconds(30));

        Assert.Empty(slack.Messages.TopLevel(Channel));
        var whileFull = SmallDisk.CopyOut(disk, Database, folder.Path);
        Assert.Equal(0, Count(whileFull, $"SELECT count(*) FROM documents WHERE title = '{story.Title.Replace("'", "''")}'"));
        AssertConsistent(whileFull);
        Assert.Equal(1, serve.Occurrences("Store writes (knowledge) fail"));
        Assert.Equal(1, serve.Occurrences("Store writes (digest_ledger) fail"));
        Assert.Equal(0, serve.Occurrences("Feed feed0 failed"));
        Assert.False(serve.HasExited);

        slack.Unscript("chat.postMessage");
        SmallDisk.Free(disk);
        await serve.WaitForLogAsync($"posted to slack:{Channel}", TimeSpan.FromSeconds(30));
        await serve.WaitForLogAsync("Feed feed0: 1 new stories", TimeSpan.FromSeconds(30));
        var after = SmallDisk.CopyOut(disk, Database, folder.Path);
        Assert.Equal(1, Count(after, $"SELECT count(*) FROM documents WHERE title = '{story.Title.Replace("'", "''")}'"));
        Assert.Equal(1, Count(after, "SELECT count(*) FROM feed_items WHERE is_new = 1"));
        Assert.Equal(1, Count(after, "SELECT count(*) FROM digest_slots WHERE state = 'Posted'"));
        AssertConsistent(after);
        // One digest in the channel: never a second.
        Assert.Single(slack.Messages.TopLevel(Channel));
    }

    /// <summary>No passage without its document, and the lexical index matches the passages.</summary>
    private static void AssertConsistent(string database)
    {
        Assert.Equal(0, Count(database, "SELECT count(*) FROM passages WHERE document_id NOT IN (SELECT id FROM documents)"));
        Assert.Equal(0, Count(database, "SELECT count(*) FROM documents WHERE id NOT IN (SELECT document_id FROM passages)"));
        Assert.Equal(Count(database, "SELECT count(*) FROM passages"), Count(database, "SELECT count(*) FROM passage_terms"));
        Assert.Equal("ok", Scalar(database, "PRAGMA integrity_check"));
    }

    private static long Count(string database, string sql) => Convert.ToInt64(Scalar(database, sql), System.Globalization.CultureInfo.InvariantCulture);

    private static object Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()!;
    }
}
