using System.Net;
using System.Text.Json.Nodes;
using Newsdesk.Digest;
using Newsdesk.Slack.Interactions;
using Newsdesk.Slack.Posting;
using Newsdesk.Slack.Replies;
using Newsdesk.Stories;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Slack;

/// <summary><c>/newsdesk story</c> through the real bot and the fake Slack: the seed story's brief in Block Kit
/// through the response_url, its "More" button, and long briefs paged within Slack's block limits.</summary>
public sealed class SlackStoryTests(SlackBotFixture fixture) : IClassFixture<SlackBotFixture>
{
    private FakeSlack Slack => fixture.Slack;

    [Fact]
    public async Task StoryAllofMP3IsTheCitedBriefInBlockKitThroughTheResponseUrl()
    {
        var ack = await CommandAsync("story1", "story AllofMP3");
        var brief = await ResponseAsync("story1");

        Assert.Equal("Looking…", ack["text"]!.GetValue<string>());
        Assert.Equal("ephemeral", brief.Json!["response_type"]!.GetValue<string>());
        var sections = brief.Blocks.Where(b => b!["type"]!.GetValue<string>() == "section" && b["text"] is not null)
            .Select(b => b!["text"]!["text"]!.GetValue<string>()).ToList();
        Assert.Equal("*Story: AllofMP3*", sections[0]);
        Assert.StartsWith("*In one line:* ", sections[1], StringComparison.Ordinal);
        Assert.Contains(sections, s => s.StartsWith("*Says: MediaServices*", StringComparison.Ordinal) && s.Contains("pays royalties", StringComparison.Ordinal));
        Assert.Contains(sections, s => s.StartsWith("*Says: British Phonographic Industry (also: BPI)*", StringComparison.Ordinal));
        Assert.Contains(sections, s => s.StartsWith("*Says: Geoff Taylor", StringComparison.Ordinal));
        Assert.Contains(sections, s => s.StartsWith("*Says: US trade representatives*", StringComparison.Ordinal));
        Assert.Contains(sections, s => s.StartsWith("*Says: Vladimir Putin*", StringComparison.Ordinal));
        Assert.Contains(sections, s => s.StartsWith("*Also involved*", StringComparison.Ordinal) && s.Contains("• Russian authorities [1]", StringComparison.Ordinal));
        Assert.Contains(sections, s => s.StartsWith("*Still open*", StringComparison.Ordinal) && s.Contains("legal attack", StringComparison.Ordinal));
        var timeline = sections.Single(s => s.StartsWith("*Timeline", StringComparison.Ordinal)).Split('\n').Skip(1).ToList();
        Assert.Equal(["this morning", "last week", "last October", "in November", "In April", "today"], timeline.Select(l => l.Split('“', '”')[1]));
        var contested = brief.Blocks.First(b => b!["fields"] is not null)!["fields"]!.AsArray().Select(f => f!["text"]!.GetValue<string>()).ToList();
        Assert.StartsWith("*:scales: Contested · MediaServices*", contested[0], StringComparison.Ordinal);
        Assert.StartsWith("*vs Western music bodies*", contested[1], StringComparison.Ordinal);
        // Every line under a heading ends with its citation.
        Assert.All(sections.Skip(1).SelectMany(s => s.Split('\n')).Where(l => !l.StartsWith('*') || l.StartsWith("*In one line:*", StringComparison.Ordinal)),
            line => Assert.EndsWith("[1]", line, StringComparison.Ordinal));
        Assert.Contains(brief.Blocks, b => b!["type"]!.GetValue<string>() == "context" && b["elements"]![0]!["text"]!.GetValue<string>().StartsWith("[1] Russian copyright wars", StringComparison.Ordinal));
        Assert.DoesNotContain(brief.Blocks, b => b!["type"]!.GetValue<string>() == "actions");
    }

    [Fact]
    public async Task StoryWithoutATopicGetsTheHelp()
    {
        var ack = await CommandAsync("story2", "story");

        Assert.Contains("/newsdesk story &lt;topic&gt;", ack["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMoreButtonShowsTheNextPagePrivatelyThroughTheClicksResponseUrl()
    {
        var click = Click(SlackActionIds.StoryPageValue(2, "AllofMP3"), Slack.ResponseUrl("story-more"));

        var response = await fixture.Bot.SendAsync(Slack.SignRequest("slack/interactions", click, "application/x-www-form-urlencoded"));
        var page = await ResponseAsync("story-more");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ephemeral", page.Json!["response_type"]!.GetValue<string>());
        Assert.Equal("*Story: AllofMP3*", page.Blocks[0]!["text"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task ADigestStorysBriefButtonShowsItsBriefPrivately()
    {
        var story = new DigestStory("Russian copyright wars to continue despite AllofMP3 shutdown", null, "allofmp3-shutdown-2007.txt", "The site closed.", 1.0, DateTimeOffset.UnixEpoch);
        var digest = SlackDigestFormatter.Format(new DigestContent("Tuesday 11 March 2025", [new DigestTopic([story])], 0), "nd-test");
        var button = digest.Blocks.Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]![0]!;
        Assert.Equal(SlackActionIds.StoryPage, button["action_id"]!.GetValue<string>());

        var response = await fixture.Bot.SendAsync(Slack.SignRequest("slack/interactions", Click(button["value"]!.GetValue<string>(), Slack.ResponseUrl("digest-brief")),
            "application/x-www-form-urlencoded"));
        var brief = await ResponseAsync("digest-brief");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ephemeral", brief.Json!["response_type"]!.GetValue<string>());
        Assert.Equal("*Story: Russian copyright wars to continue despite AllofMP3 shutdown*", brief.Blocks[0]!["text"]!["text"]!.GetValue<string>());
        Assert.Contains(brief.Blocks, b => b!["text"]?["text"]?.GetValue<string>().StartsWith("*Says: MediaServices*", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ABriefButtonClickedInASocketModeAppIsAcknowledgedAndShownThroughTheResponseUrl()
    {
        using var folder = new TemporaryFolder();
        await using var slack = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(slack, folder.File("bot.db"), isHttp: false, isSocketMode: true);
        var socket = await slack.NextSocketAsync();

        await socket.SendAsync(new JsonObject
        {
            ["envelope_id"] = "env-brief", ["type"] = "interactive", ["accepts_response_payload"] = false,
            ["payload"] = JsonNode.Parse(Payload(SlackActionIds.StoryPageValue(1, "AllofMP3"), slack.ResponseUrl("socket-brief")).ToJsonString()),
        });

        Assert.Equal("env-brief", (await socket.ReceiveAsync(TimeSpan.FromSeconds(30)))["envelope_id"]!.GetValue<string>());
        var brief = await slack.WaitForCallAsync(c => c.Method == "response_url" && c.Path == "/response/socket-brief", TimeSpan.FromSeconds(30));
        Assert.Equal("*Story: AllofMP3*", brief.Blocks[0]!["text"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void ALongBriefIsPagedWithinSlacksLimitsWithAMoreButtonAndNothingDropped()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("The label said the site had never paid a single royalty to the artists it sold.", 3));
        var parties = Enumerable.Range(1, 60).Select(i => new StoryParty($"Party {i}", [$"Party {i}"],
            [new AttributedClaim($"Party {i}", "said", new CitedLine($"{sentence} ({i})", 1))])).ToList();
        var brief = new StoryBrief("royalties", new CitedLine("The dispute goes on.", 1), parties, [], [], [], [new StorySource(1, 1, "a.txt", "First", null, null)], []);

        var (first, pages) = SlackStoryFormatter.Page(brief, 1);
        var contents = Enumerable.Range(1, pages).Select(p => SlackStoryFormatter.Page(brief, p).Content).ToList();

        Assert.True(pages > 1);
        Assert.All(contents, c => Assert.True(c.Blocks.Count <= 50));
        Assert.All(contents.SkipLast(1), c => Assert.Equal(SlackActionIds.StoryPage, c.Blocks[^1]!["elements"]![0]!["action_id"]!.GetValue<string>()));
        Assert.Equal("2|royalties", first.Blocks[^1]!["elements"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(60, contents.SelectMany(c => c.Blocks).Count(b => b!["text"]?["text"]?.GetValue<string>().StartsWith("*Says: Party", StringComparison.Ordinal) == true));
    }

    private static string Click(string value, Uri responseUrl) => "payload=" + Uri.EscapeDataString(Payload(value, responseUrl).ToJsonString());

    private static JsonObject Payload(string value, Uri responseUrl) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = "UREADER", ["username"] = "reader" },
        ["channel"] = new JsonObject { ["id"] = "CSTORIES1" },
        ["response_url"] = responseUrl.AbsoluteUri,
        ["actions"] = new JsonArray(new JsonObject { ["action_id"] = SlackActionIds.StoryPage, ["value"] = value, ["block_id"] = "b1", ["type"] = "button" }),
    };

    private async Task<JsonNode> CommandAsync(string id, string text)
    {
        var response = await fixture.Bot.SendAsync(Slack.SignedCommand(new Dictionary<string, string>
        {
            ["token"] = "deprecated", ["team_id"] = "T1", ["channel_id"] = "CSTORIES1", ["user_id"] = "UREADER",
            ["command"] = "/newsdesk", ["text"] = text, ["response_url"] = Slack.ResponseUrl(id).AbsoluteUri,
            ["trigger_id"] = $"1700000000.{Guid.NewGuid():N}",
        }));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private Task<SlackApiCall> ResponseAsync(string id) =>
        Slack.WaitForCallAsync(c => c.Method == "response_url" && c.Path == $"/response/{id}");
}
