using System.Text.Json.Nodes;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Discord;

/// <summary>Every slash command goes through the one intake: <c>/sources</c> is rate-limited like <c>/ask</c>, so
/// one person's flood of lists cannot slow everyone else's answers.</summary>
public sealed class DiscordIntakeTests
{
    [Fact]
    public async Task SourcesIsRateLimitedPerPersonLikeAsk()
    {
        using var folder = new TemporaryFolder();
        await using var discord = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHost.StartAsync(discord, folder.File("bot.db"),
            ["--Chat:RateLimits:IsEnabled=true", "--Chat:RateLimits:PerUser:Permits=2", "--Chat:RateLimits:PerChannel:Permits=100"]);

        var replies = new List<System.Text.Json.JsonElement>();
        for (var i = 0; i < 3; i++) replies.Add(await bot.PostForJsonAsync(FakeInteractions.Command("sources").Body));

        Assert.All(replies.Take(2), r => Assert.DoesNotContain("a lot of questions", Content(r), StringComparison.Ordinal));
        Assert.StartsWith("You've asked me a lot of questions in a short time.", Content(replies[2]), StringComparison.Ordinal);
        Assert.Equal(64, replies[2].GetProperty("data").GetProperty("flags").GetInt32());
    }

    /// <summary>Discord sends the channel twice, as the deprecated <c>channel_id</c> and the partial <c>channel</c>
    /// object; a payload that carries only one of them is limited per channel all the same.</summary>
    [Theory]
    [InlineData("channel_id")]
    [InlineData("channel")]
    public async Task AChannelIsRateLimitedWhicheverOfItsTwoFieldsThePayloadCarries(string kept)
    {
        using var folder = new TemporaryFolder();
        await using var discord = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHost.StartAsync(discord, folder.File("bot.db"),
            ["--Chat:RateLimits:IsEnabled=true", "--Chat:RateLimits:PerUser:Permits=100", "--Chat:RateLimits:PerChannel:Permits=2"]);
        string InChannel(string channelId)
        {
            var body = JsonNode.Parse(FakeInteractions.Command("sources", channel: (channelId, 0)).Body)!.AsObject();
            body.Remove(kept == "channel" ? "channel_id" : "channel");
            return body.ToJsonString();
        }

        var replies = new List<System.Text.Json.JsonElement>();
        for (var i = 0; i < 3; i++) replies.Add(await bot.PostForJsonAsync(InChannel("700000000000000001")));
        var elsewhere = await bot.PostForJsonAsync(InChannel("700000000000000002"));

        Assert.All(replies.Take(2), r => Assert.DoesNotContain("a lot of questions", Content(r), StringComparison.Ordinal));
        Assert.StartsWith("This channel has asked me a lot of questions in a short time.", Content(replies[2]), StringComparison.Ordinal);
        Assert.DoesNotContain("a lot of questions", Content(elsewhere), StringComparison.Ordinal);
    }

    private static string Content(System.Text.Json.JsonElement reply) =>
        reply.GetProperty("data").TryGetProperty("content", out var content) ? content.GetString() ?? "" : "";
}
