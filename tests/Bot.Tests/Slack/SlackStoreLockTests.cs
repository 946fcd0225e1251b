using System.Net;
using Microsoft.Data.Sqlite;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Slack;

/// <summary>The store locked by another process (an exclusive SQLite transaction held on the bot's file).</summary>
public sealed class SlackStoreLockTests
{
    [Fact]
    public async Task AnEventArrivingWhileTheStoreIsLockedIsRefusedThenAnsweredOnceWhenSlackRetries()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        var database = folder.File("bot.db");
        await using var bot = await SlackBot.StartAsync(slack, database, settings: ["--Storage:BusyTimeout=00:00:02"]);
        // A bot that has run a while: its Slack tables exist before the lock is taken.
        var warm = SlackEvents.Mention("EvWarm", "CWARM", "1700000090.000050", $"{SlackEvents.BotMention} {SlackEvents.Question}");
        (await bot.SendAsync(slack.SignedEvent(warm))).EnsureSuccessStatusCode();
        await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CWARM");
        var mention = SlackEvents.Mention("EvLocked", "CLOCKED", "1700000090.000100", $"{SlackEvents.BotMention} {SlackEvents.Question}");

        HttpResponseMessage refused;
        await using (var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString()))
        {
            await holder.OpenAsync();
            await using var lockIt = holder.CreateCommand();
            lockIt.CommandText = "BEGIN EXCLUSIVE;";
            await lockIt.ExecuteNonQueryAsync();
            // The bot waits for the lock (Microsoft.Data.Sqlite retries a busy database for Storage:BusyTimeout, 2 s here),
            // then fails the request: Slack sees a 500 and retries the event later (+1 min, +5 min).
            refused = await bot.SendAsync(slack.SignedEvent(mention));
            lockIt.CommandText = "ROLLBACK;";
            await lockIt.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Empty(slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CLOCKED"));
        (await bot.SendAsync(slack.SignedEvent(mention, retryNum: 1))).EnsureSuccessStatusCode();
        (await bot.SendAsync(slack.SignedEvent(mention, retryNum: 2))).EnsureSuccessStatusCode();
        await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CLOCKED");
        var sentinel = SlackEvents.Mention("EvUnlocked", "CUNLOCKED", "1700000090.000200", $"{SlackEvents.BotMention} {SlackEvents.Question}");
        (await bot.SendAsync(slack.SignedEvent(sentinel))).EnsureSuccessStatusCode();
        await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CUNLOCKED");

        Assert.Single(slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CLOCKED"));
    }
}
