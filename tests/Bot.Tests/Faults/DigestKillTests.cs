using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Faults;

/// <summary>SIGKILL of the real program while today's digest is being posted to Slack, then a restart on the same
/// store: the Slack channel ends with exactly one digest whether or not Slack had taken the cut post, and the Discord
/// channel, not yet reached when the kill came, gets its one digest after the restart.</summary>
public sealed class DigestKillTests
{
    private const string SlackChannel = "CDIGESTKILL";
    private const string DiscordChannel = "1190000000000000001";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AfterAKillMidPostEachChannelHasTodaysDigestExactlyOnce(bool slackTookThePost)
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        await using var discord = await FakeDiscord.StartAsync();
        var database = folder.File("bot.db");
        slack.Script("chat.postMessage", SlackResponse.Hang);

        SlackApiCall cut;
        await using (var first = await StartAsync(slack, discord, database))
        {
            // The post reached Slack and is held unanswered; the kill lands while the bot waits for the answer.
            cut = await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == SlackChannel, TimeSpan.FromSeconds(60));
            await first.KillAsync();
        }
        Assert.Empty(discord.ChannelMessages(DiscordChannel));

        // What Slack's channel history holds for the restarted bot to find: the cut post if Slack took it, else nothing.
        var message = cut.Json!.DeepClone().AsObject();
        message["ts"] = "1700000200.000100";
        JsonNode[] messages = slackTookThePost ? [message] : [];
        slack.Script("conversations.history", new SlackResponse(200, new JsonObject { ["ok"] = true, ["messages"] = new JsonArray(messages) }.ToJsonString()));

        await using (var second = await StartAsync(slack, discord, database))
        {
            await discord.WaitForAsync(r => r.Method == "POST" && r.Path.EndsWith($"/channels/{DiscordChannel}/messages", StringComparison.Ordinal));
            // The claim's lease (2 s) runs out, then the history is read; the slot ends posted or recovered.
            await second.WaitForLogAsync(slackTookThePost ? "was posted before a restart" : $"posted to slack:{SlackChannel}", TimeSpan.FromSeconds(60));
            await second.KillAsync();
        }

        var slackPosts = slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == SlackChannel);
        // Slack's channel: the cut post if it was taken, plus a repost only if it was not.
        Assert.Equal(slackTookThePost ? 1 : 2, slackPosts.Count);
        Assert.Single(discord.ChannelMessages(DiscordChannel));
        var states = ReadStates(database);
        Assert.Equal(["Posted", "Posted"], states);
    }

    private static Task<ServeProcess> StartAsync(FakeSlack slack, FakeDiscord discord, string database) => ServeProcess.StartAsync([
        "--corpus", TestPaths.Seeds, $"--Storage:Database={database}", $"--Slack:ApiBaseUrl={slack.ApiBaseUrl}",
        $"--Discord:ApiBaseUrl={discord.ApiBaseUrl}", $"--Discord:ApplicationId={FakeDiscord.ApplicationId}", $"--Discord:PublicKey={FakeDiscord.PublicKeyHex}",
        // Due at start: today's midnight slot, inside a day-long catch-up window.
        "--Digest:Schedule=0 0 * * *", "--Digest:TimeZone=UTC", "--Digest:CatchUpWindow=23:59:00", "--Digest:ClaimLease=00:00:02",
        $"--Digest:Destinations:0=slack:{SlackChannel}", $"--Digest:Destinations:1=discord:{DiscordChannel}",
    ], new Dictionary<string, string>
    {
        ["Slack__BotToken"] = FakeSlack.BotToken, ["Slack__SigningSecret"] = FakeSlack.SigningSecret, ["Discord__BotToken"] = FakeDiscord.BotToken,
    });

    private static List<string> ReadStates(string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state FROM digest_slots ORDER BY destination";
        using var reader = command.ExecuteReader();
        var states = new List<string>();
        while (reader.Read()) states.Add(reader.GetString(0));
        return states;
    }
}
