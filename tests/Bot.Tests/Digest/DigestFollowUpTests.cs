using Newsdesk.Discord;
using Newsdesk.Discord.Commands;
using Newsdesk.Tests.Discord;
using Newsdesk.Tests.Fakes.Discord;

namespace Newsdesk.Tests.Digest;

/// <summary>A digest story's follow-up button on Discord asks the bot about the story, privately, like /ask.</summary>
[Collection(DiscordBotCollection.Name)]
public sealed class DigestFollowUpTests(DiscordBotFixture fixture)
{
    [Fact]
    public async Task AFollowUpButtonClickIsAnsweredPrivatelyAsTheQuestionItCarries()
    {
        var (_, _, click) = FakeInteractions.Button(DiscordFollowUpId.Create("Who shut down AllofMP3?"), userId: "4343");

        var json = await fixture.Bot.PostForJsonAsync(click);

        Assert.Equal(4, json.GetProperty("type").GetInt32());
        var data = json.GetProperty("data");
        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        var embed = data.GetProperty("embeds")[0];
        Assert.Equal("Who shut down AllofMP3?", embed.GetProperty("title").GetString());
        Assert.Contains("[1]", embed.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Composed offline from the news I follow", embed.GetProperty("footer").GetProperty("text").GetString());
    }
}
