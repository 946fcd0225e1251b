using Newsdesk.Digest;
using Newsdesk.Discord.Commands;
using Newsdesk.Discord.Posting;
using Newsdesk.Tests.Fakes.Discord;

namespace Newsdesk.Tests.Discord;

/// <summary>The digest links each topic's lead story to its brief: a button whose click shows the brief privately.</summary>
[Collection(DiscordBotCollection.Name)]
public sealed class DiscordDigestBriefTests(DiscordBotFixture fixture)
{
    [Fact]
    public async Task ADigestStorysBriefButtonShowsItsBriefPrivately()
    {
        var story = new DigestStory("Russian copyright wars to continue despite AllofMP3 shutdown", null, "allofmp3-shutdown-2007.txt", "The site closed.", 1.0, DateTimeOffset.UnixEpoch);
        var message = DiscordWebhookDigestMessage.Build(new DigestContent("Tuesday 11 March 2025", [new DigestTopic([story])], 0), "nd-test");
        var buttons = message["components"]![0]!["components"]!.AsArray();
        Assert.True(DiscordFollowUpId.TryParse(buttons[0]!["custom_id"]!.GetValue<string>(), out _));
        var brief = buttons[1]!;
        Assert.StartsWith("Brief: ", brief["label"]!.GetValue<string>(), StringComparison.Ordinal);
        var customId = brief["custom_id"]!.GetValue<string>();
        Assert.True(customId.Length <= 100);

        var (_, _, click) = FakeInteractions.Button(customId);
        var json = await fixture.Bot.PostForJsonAsync(click);

        Assert.Equal(64, json.GetProperty("data").GetProperty("flags").GetInt32());
        var embed = json.GetProperty("data").GetProperty("embeds")[0];
        Assert.Equal("Story: Russian copyright wars to continue despite AllofMP3 shutdown", embed.GetProperty("title").GetString());
        Assert.Contains(embed.GetProperty("fields").EnumerateArray(), f => f.GetProperty("name").GetString() == "Says: MediaServices");
    }
}
