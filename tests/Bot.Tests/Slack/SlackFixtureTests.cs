using System.Net;
using System.Text.Json.Nodes;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Slack;

/// <summary>Every official payload in ../shared/fixtures/slack, signed and sent to the real bot.</summary>
public sealed class SlackFixtureTests(SlackBotFixture fixture) : IClassFixture<SlackBotFixture>
{
    public static TheoryData<string> Payloads()
    {
        var data = new TheoryData<string>();
        if (!TestPaths.HasShared) data.Add("(shared material missing)");
        else foreach (var file in Directory.GetFiles(TestPaths.Fixture("slack"), "*.json").Order()) data.Add(Path.GetFileName(file));
        return data;
    }

    [SharedTheory]
    [MemberData(nameof(Payloads))]
    public async Task EveryOfficialPayloadParsesAndIsHandled(string name)
    {
        var text = await File.ReadAllTextAsync(TestPaths.Fixture("slack", name));
        var json = JsonNode.Parse(text)!;
        if (name.EndsWith(".response.json", StringComparison.Ordinal))
        {
            var request = JsonNode.Parse(await File.ReadAllTextAsync(TestPaths.Fixture("slack", name.Replace(".response", "", StringComparison.Ordinal))))!;
            var echoed = await fixture.Bot.SendAsync(fixture.Slack.SignedEvent(request.ToJsonString()));
            Assert.Equal(json["challenge"]!.GetValue<string>(), await echoed.Content.ReadAsStringAsync());
            return;
        }
        if (json["signing_secret"] is not null)
        {
            // The signing vector's body is a slash command; re-signed with our secret it gets the help text at once.
            var command = await fixture.Bot.SendAsync(fixture.Slack.SignRequest("slack/commands", json["body"]!.GetValue<string>(), "application/x-www-form-urlencoded"));
            Assert.Equal(HttpStatusCode.OK, command.StatusCode);
            Assert.Contains("/newsdesk ask", await command.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            return;
        }

        var response = await fixture.Bot.SendAsync(fixture.Slack.SignedEvent(text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var type = json["type"]!.GetValue<string>();
        if (type == "url_verification")
        {
            Assert.Equal(json["challenge"]!.GetValue<string>(), await response.Content.ReadAsStringAsync());
            return;
        }
        var inner = json["event"]!;
        if (inner["type"]!.GetValue<string>() == "app_mention")
        {
            var channel = inner["channel"]!.GetValue<string>();
            var reply = await fixture.Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == channel);
            Assert.Equal(inner["ts"]!.GetValue<string>(), reply.ThreadTs);
            var asked = inner["text"]!.GetValue<string>();
            Assert.Contains(fixture.Bot.Answerer.Questions, q => asked.EndsWith(q.Text, StringComparison.Ordinal) && !q.Text.Contains("<@", StringComparison.Ordinal));
            return;
        }
        await fixture.DrainAsync();
        Assert.DoesNotContain(fixture.Slack.Calls(c => c.Method == "chat.postMessage"), c => c.Channel == inner["item"]?["channel"]?.GetValue<string>());
    }
}
