using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Faults;

/// <summary>SIGKILL of the real program while today's digest is being posted to one platform's channel, then a restart
/// on the same store: that channel ends with exactly one digest whether or not the platform had taken the cut post, and
/// the other channel, not yet reached when the kill came (destinations are posted in order), gets its one digest after
/// the restart. Today's story is ingested once for the class (<see cref="IngestedStoryStore"/>); each test runs on a copy.</summary>
public sealed class DigestKillTests(IngestedStoryStore story) : IClassFixture<IngestedStoryStore>
{
    private const string SlackChannel = "CDIGESTKILL";
    private const string DiscordChannel = "1190000000000000001";

    [Theory]
    [InlineData("slack", false)]
    [InlineData("slack", true)]
    [InlineData("discord", false)]
    [InlineData("discord", true)]
    public async Task AfterAKillMidPostEachChannelHasTodaysDigestExactlyOnce(string killedOn, bool platformTookThePost)
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        await using var discord = await FakeDiscord.StartAsync();
        var database = folder.File("bot.db");
        var isSlack = killedOn == "slack";
        string[] destinations = isSlack ? [$"slack:{SlackChannel}", $"discord:{DiscordChannel}"] : [$"discord:{DiscordChannel}", $"slack:{SlackChannel}"];
        // The post reaches the platform and its response is held; the kill lands while the bot waits for it. Slack's
        // fake records every post, so "taken" is what its channel history will say; Discord's stores the message or not.
        story.CopyTo(database);
        if (isSlack) slack.Script("chat.postMessage", SlackResponse.Hang);
        else discord.Script(platformTookThePost ? FakeDiscordResponse.TakeThenHang : FakeDiscordResponse.Hang);

        await using (var first = await StartAsync(slack, discord, database, destinations))
        {
            if (isSlack) await slack.WaitForCallAsync(IsSlackPost, TimeSpan.FromSeconds(60));
            else await discord.WaitForAsync(IsDiscordPost);
            await first.KillAsync();
        }
        // Killed mid-post on the first destination: the second was never reached.
        if (isSlack) Assert.DoesNotContain(discord.Requests, IsDiscordPost);
        else Assert.Empty(slack.Calls(IsSlackPost));

        JsonNode[] history = [];
        if (isSlack && platformTookThePost)
        {
            var cut = slack.Calls(IsSlackPost)[0].Json!.DeepClone().AsObject();
            cut["ts"] = "1700000200.000100";
            history = [cut];
        }
        slack.Script("conversations.history", new SlackResponse(200, new JsonObject { ["ok"] = true, ["messages"] = new JsonArray(history) }.ToJsonString()));

        await using (var second = await StartAsync(slack, discord, database, destinations))
        {
            // The claim's lease (2 s) runs out, then the channel is searched for the digest's marker.
            var killedDestination = destinations[0];
            await second.WaitForLogAsync(platformTookThePost ? "was posted before a restart" : $"posted to {killedDestination}", TimeSpan.FromSeconds(60));
            await second.WaitForLogAsync($"posted to {destinations[1]}", TimeSpan.FromSeconds(60));
            await second.KillAsync();
        }

        // Each channel holds one digest: the cut post if it was taken, else the one posted after the restart.
        Assert.Equal(isSlack && !platformTookThePost ? 2 : 1, slack.Calls(IsSlackPost).Count);
        Assert.Equal(!isSlack && !platformTookThePost ? 2 : 1, discord.Requests.Count(IsDiscordPost));
        Assert.Contains(StoryTitle, Assert.Single(discord.ChannelMessages(DiscordChannel)), StringComparison.Ordinal);
        Assert.All(slack.Calls(IsSlackPost), post => Assert.Contains(StoryTitle, post.Json!.ToJsonString(), StringComparison.Ordinal));
        Assert.Equal(["Posted", "Posted"], ReadStates(database));
    }

    private const string StoryTitle = IngestedStoryStore.StoryTitle;

    private static bool IsSlackPost(SlackApiCall call) => call.Method == "chat.postMessage" && call.Channel == SlackChannel;

    private static bool IsDiscordPost(FakeDiscordRequest request) =>
        request.Method == "POST" && request.Path.EndsWith($"/channels/{DiscordChannel}/messages", StringComparison.Ordinal);

    private static Task<ServeProcess> StartAsync(FakeSlack slack, FakeDiscord discord, string database, string[] destinations) => ServeProcess.StartAsync([
        "--corpus", TestPaths.Seeds, $"--Storage:Database={database}", $"--Slack:ApiBaseUrl={slack.ApiBaseUrl}",
        $"--Discord:ApiBaseUrl={discord.ApiBaseUrl}", $"--Discord:ApplicationId={FakeDiscord.ApplicationId}", $"--Discord:PublicKey={FakeDiscord.PublicKeyHex}",
        // Due at start: today's midnight slot, inside a day-long catch-up window.
        "--Digest:Schedule=0 0 * * *", "--Digest:TimeZone=UTC", "--Digest:CatchUpWindow=23:59:00", "--Digest:ClaimLease=00:00:02",
        $"--Digest:Destinations:0={destinations[0]}", $"--Digest:Destinations:1={destinations[1]}",
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
