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

    private static string Content(System.Text.Json.JsonElement reply) =>
        reply.GetProperty("data").TryGetProperty("content", out var content) ? content.GetString() ?? "" : "";
}
