using System.Net;
using System.Text.Json.Nodes;
using Newsdesk.Tests.Fakes.Slack;

namespace Newsdesk.Tests.Slack;

public sealed class SlackCommandsTests(SlackBotFixture fixture) : IClassFixture<SlackBotFixture>
{
    private FakeSlack Slack => fixture.Slack;

    [Fact]
    public async Task AskIsAcknowledgedEphemerallyThenAnsweredThroughTheResponseUrl()
    {
        var (status, ack) = await CommandAsync("ask1", "ask Who shut down AllofMP3?");
        var answer = await ResponseAsync("ask1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ephemeral", ack["response_type"]!.GetValue<string>());
        Assert.Equal("Looking…", ack["text"]!.GetValue<string>());
        Assert.Equal("ephemeral", answer.Json!["response_type"]!.GetValue<string>());
        Assert.Contains("AllofMP3", answer.Text, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(answer.Blocks);
        Assert.Contains(fixture.Bot.Answerer.Questions, q => q.Text == "Who shut down AllofMP3?");
    }

    [Fact]
    public async Task AskWithABangPostsTheAnswerInTheChannel()
    {
        await CommandAsync("ask2", "ask! Who shut down AllofMP3?");
        Assert.Equal("in_channel", (await ResponseAsync("ask2")).Json!["response_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task HelpAndUnknownWordsAreAnsweredInTheAcknowledgement()
    {
        var (_, help) = await CommandAsync("help1", "help");
        var (_, unknown) = await CommandAsync("help2", "dance");
        var (_, empty) = await CommandAsync("help3", "");
        Assert.Contains("/newsdesk ask", help["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("dance", unknown["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("/newsdesk ask", empty["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DigestShowsTodaysDigestAsTheScheduledOneWouldBeComposed()
    {
        await CommandAsync("digest1", "digest");
        var digest = await ResponseAsync("digest1");
        // The corpus folder's files are the archive, not news: with no feed items or ingested files since the last
        // digest, today's digest is the quiet-day line.
        Assert.Contains("Newsdesk digest:", digest.Text, StringComparison.Ordinal);
        Assert.Contains(Newsdesk.Digest.DigestContent.QuietLine, digest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourcesListsWhatTheBotFollowsOrWhatItHasOnATopic()
    {
        await CommandAsync("sources1", "sources");
        await CommandAsync("sources2", "sources AllofMP3 shutdown");
        await CommandAsync("sources3", "sources quantum chromodynamics lattice");
        Assert.Contains("AllofMP3", (await ResponseAsync("sources1")).Text, StringComparison.Ordinal);
        Assert.Contains("AllofMP3", (await ResponseAsync("sources2")).Text, StringComparison.Ordinal);
        Assert.Contains("I follow no stories", (await ResponseAsync("sources3")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AForgedCommandIsRejectedAndSslChecksAreAcknowledged()
    {
        var forged = Slack.SignRequest("slack/commands", "command=%2Fnewsdesk&text=ask+x&response_url=http%3A%2F%2F127.0.0.1%2Fx", "application/x-www-form-urlencoded", secret: "nope");
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Bot.SendAsync(forged)).StatusCode);
        var check = await fixture.Bot.SendAsync(Slack.SignedCommand(new Dictionary<string, string> { ["ssl_check"] = "1", ["token"] = "t" }));
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
    }

    [Fact]
    public async Task ACommandSentAgainWithTheSameTriggerIdRunsNothing()
    {
        var (_, first) = await CommandAsync("replay1", "ask Who shut down AllofMP3?", trigger: "1700000000.1.replayed");
        var (status, again) = await CommandAsync("replay1", "ask Who shut down AllofMP3?", trigger: "1700000000.1.replayed");

        Assert.Equal("Looking…", first["text"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("This request was already handled.", again["text"]!.GetValue<string>());
        await ResponseAsync("replay1");
    }

    /// <summary>Slack gives every invocation its own trigger_id; a test reusing one would be refused as a replay.</summary>
    private async Task<(HttpStatusCode Status, JsonNode Body)> CommandAsync(string id, string text, string? trigger = null)
    {
        var response = await fixture.Bot.SendAsync(Slack.SignedCommand(new Dictionary<string, string>
        {
            ["token"] = "deprecated", ["team_id"] = "T1", ["channel_id"] = "CCOMMANDS", ["user_id"] = "UPERSON",
            ["command"] = "/newsdesk", ["text"] = text, ["response_url"] = Slack.ResponseUrl(id).AbsoluteUri,
            ["trigger_id"] = trigger ?? $"1700000000.{Guid.NewGuid():N}",
        }));
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length > 0 ? JsonNode.Parse(body)! : new JsonObject());
    }

    private Task<SlackApiCall> ResponseAsync(string id) =>
        Slack.WaitForCallAsync(c => c.Method == "response_url" && c.Path == $"/response/{id}");
}
