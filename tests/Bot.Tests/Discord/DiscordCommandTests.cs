using System.Text.Json;
using Newsdesk.Tests.Fakes.Discord;

namespace Newsdesk.Tests.Discord;

[Collection(DiscordBotCollection.Name)]
public sealed class DiscordCommandTests(DiscordBotFixture fixture)
{
    [Fact]
    public async Task SourcesListsTheArticlesTheBotFollows()
    {
        var (_, _, body) = FakeInteractions.Command("sources");

        var embed = Embed(await fixture.Bot.PostForJsonAsync(body));

        Assert.Contains("AllofMP3", embed.GetProperty("description").GetString());
        Assert.StartsWith("• ", embed.GetProperty("description").GetString());
    }

    [Fact]
    public async Task SourcesAboutATopicListsTheArticlesAboutIt()
    {
        var (_, _, body) = FakeInteractions.Command("sources", [new { name = "topic", type = 3, value = "AllofMP3 shutdown" }]);

        var embed = Embed(await fixture.Bot.PostForJsonAsync(body));

        Assert.Contains("AllofMP3 shutdown", embed.GetProperty("title").GetString());
        Assert.Contains("AllofMP3", embed.GetProperty("description").GetString());
    }

    [Fact]
    public async Task AboutSaysWhatTheBotIsAndWhichBackendIsOn()
    {
        var (_, _, body) = FakeInteractions.Command("about");

        var embed = Embed(await fixture.Bot.PostForJsonAsync(body));

        Assert.Contains("music-industry news", embed.GetProperty("description").GetString());
        var backend = embed.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Backend");
        Assert.StartsWith("Offline", backend.GetProperty("value").GetString());
    }

    [Fact]
    public async Task DigestIsAnEphemeralPreviewOfTodaysDigest()
    {
        var (_, _, body) = FakeInteractions.Command("digest");

        var json = await fixture.Bot.PostForJsonAsync(body);

        Assert.Equal(64, json.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.StartsWith("Digest preview", Embed(json).GetProperty("title").GetString());
        // The corpus folder's files are the archive, not news: with nothing new since the last digest it is quiet.
        Assert.Contains(Newsdesk.Digest.DigestContent.QuietLine, Embed(json).GetProperty("description").GetString());
    }

    [Fact]
    public async Task AutocompleteSuggestsQuestionsMatchingWhatWasTyped()
    {
        var (_, _, matching) = FakeInteractions.Autocomplete("allofmp3 shut");
        var (_, _, nothing) = FakeInteractions.Autocomplete("zzqqxx");

        var json = await fixture.Bot.PostForJsonAsync(matching);
        var none = await fixture.Bot.PostForJsonAsync(nothing);

        Assert.Equal(8, json.GetProperty("type").GetInt32());
        var choices = json.GetProperty("data").GetProperty("choices").EnumerateArray().ToList();
        Assert.InRange(choices.Count, 1, 25);
        Assert.All(choices, c =>
        {
            Assert.Contains("allofmp3", c.GetProperty("name").GetString(), StringComparison.OrdinalIgnoreCase);
            Assert.InRange(c.GetProperty("name").GetString()!.Length, 1, 100);
            Assert.InRange(c.GetProperty("value").GetString()!.Length, 1, 100);
        });
        Assert.Equal(0, none.GetProperty("data").GetProperty("choices").GetArrayLength());
    }

    private static JsonElement Embed(JsonElement json)
    {
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        Assert.Equal(0, json.GetProperty("data").GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        return json.GetProperty("data").GetProperty("embeds")[0];
    }
}
