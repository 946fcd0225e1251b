using System.Net;
using System.Text.Json.Nodes;
using Newsdesk.Slack.Interactions;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Slack;

/// <summary>A digest follow-up click that the rate limit turns away is answered, privately, with the reason: the person
/// who clicked is not left waiting for an answer that will never come.</summary>
public sealed class SlackFollowUpRefusalTests
{
    [Fact]
    public async Task AFollowUpClickPastTheRateLimitIsToldWhyPrivately()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"),
            settings: ["--Chat:RateLimits:IsEnabled=true", "--Chat:RateLimits:PerUser:Permits=1", "--Chat:RateLimits:PerChannel:Permits=100"]);

        var first = await bot.SendAsync(slack.SignRequest("slack/interactions", Click(slack.ResponseUrl("click-1")), "application/x-www-form-urlencoded"));
        var second = await bot.SendAsync(slack.SignRequest("slack/interactions", Click(slack.ResponseUrl("click-2")), "application/x-www-form-urlencoded"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var refusal = await slack.WaitForCallAsync(c => c.Method == "response_url" && c.Path == "/response/click-2", TimeSpan.FromSeconds(30));
        Assert.Equal("ephemeral", refusal.Json!["response_type"]!.GetValue<string>());
        Assert.DoesNotContain("AllofMP3", refusal.Text, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(refusal.Text));
        await slack.WaitForCallAsync(c => c.Method == "response_url" && c.Path == "/response/click-1", TimeSpan.FromSeconds(60));
    }

    private static string Click(Uri responseUrl)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "UCLICKS" },
            ["channel"] = new JsonObject { ["id"] = "CCLICKS" },
            ["response_url"] = responseUrl.AbsoluteUri,
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = SlackActionIds.FollowUp, ["value"] = "Who shut down AllofMP3?", ["type"] = "button" }),
        };
        return "payload=" + Uri.EscapeDataString(payload.ToJsonString());
    }
}
