using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newsdesk.Chat;
using Newsdesk.Discord.Interactions;
using Newsdesk.Discord.Replies;
using Newsdesk.Tests.Fakes.Discord;
using Xunit.Abstractions;

namespace Newsdesk.Tests.Discord;

/// <summary><c>/story</c> through the real bot and the fake Discord: the seed story's brief as one embed of cited
/// lines, autocomplete over the stories, the "more" button, and a journalled brief that survives a restart.</summary>
[Collection(DiscordBotCollection.Name)]
public sealed class DiscordStoryTests(DiscordBotFixture fixture, ITestOutputHelper output)
{
    /// <summary>The seed's relative dates, in the article's order (it has no publication date).</summary>
    private static readonly string[] SeedTimeline = ["this morning", "last week", "last October", "in November", "In April", "today"];

    [Fact]
    public async Task StoryAllofMP3ShowsThePartiesTheirCitedClaimsAContestedPointTheTimelineAndTheOpenLegalAction()
    {
        var (_, token, body) = FakeInteractions.Command("story", [new { name = "topic", type = 3, value = "AllofMP3" }]);

        var json = await fixture.Bot.PostForJsonAsync(body);

        Assert.Equal(4, json.GetProperty("type").GetInt32());
        var data = json.GetProperty("data");
        Assert.False(data.TryGetProperty("flags", out _));
        Assert.Equal(0, data.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        var embed = Assert.Single(data.GetProperty("embeds").EnumerateArray());
        output.WriteLine(Render(embed));
        Assert.Equal("Story: AllofMP3", embed.GetProperty("title").GetString());
        Assert.StartsWith("**In one line:** ", embed.GetProperty("description").GetString());
        var fields = embed.GetProperty("fields").EnumerateArray()
            .Select(f => (Name: f.GetProperty("name").GetString()!, Value: f.GetProperty("value").GetString()!, Inline: f.TryGetProperty("inline", out var i) && i.GetBoolean())).ToList();

        var says = fields.Where(f => f.Name.StartsWith("Says: ", StringComparison.Ordinal)).ToList();
        Assert.Contains(says, f => f.Name.StartsWith("Says: MediaServices", StringComparison.Ordinal) && f.Value.Contains("pays royalties", StringComparison.Ordinal));
        Assert.Contains(says, f => f.Name.Contains("BPI", StringComparison.Ordinal) && f.Name.Contains("British Phonographic Industry", StringComparison.Ordinal)
            && f.Value.Contains("unsure how the shutdown would affect its legal attack", StringComparison.Ordinal));
        Assert.Contains(says, f => f.Name.StartsWith("Says: Geoff Taylor", StringComparison.Ordinal) && f.Value.Contains("chief executive", StringComparison.Ordinal));
        Assert.Contains(says, f => f.Name == "Says: US trade representatives");
        Assert.Contains(says, f => f.Name == "Says: Vladimir Putin" && f.Value.Contains("promised action", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.Name == "Also involved" && f.Value.Contains("• Russian authorities [1]", StringComparison.Ordinal));

        // The contested point: two inline fields, side by side.
        var contested = fields.FindIndex(f => f.Name == "⚖ Contested · MediaServices");
        Assert.True(contested >= 0);
        Assert.Equal("vs Western music bodies", fields[contested + 1].Name);
        Assert.True(fields[contested].Inline && fields[contested + 1].Inline);

        var timeline = fields.Where(f => f.Name.StartsWith("Timeline", StringComparison.Ordinal)).SelectMany(f => f.Value.Split('\n')).ToList();
        Assert.Equal(SeedTimeline, timeline.Select(l => SeedTimeline.First(e => l.Contains($"“{e}”", StringComparison.Ordinal))));
        Assert.Contains("`October, year unknown`", timeline[2], StringComparison.Ordinal);
        Assert.Contains(fields, f => f.Name == "Still open" && f.Value.Contains("legal attack", StringComparison.Ordinal));

        // Every line of every part ends with its citation, and the one source is listed with it.
        var cited = fields.Where(f => f.Name != "Sources" && f.Name != "Related stories").SelectMany(f => f.Value.Split('\n')).Append(embed.GetProperty("description").GetString()!);
        Assert.All(cited, line => Assert.EndsWith("[1]", line, StringComparison.Ordinal));
        Assert.StartsWith("[1] Russian copyright wars", fields.Single(f => f.Name == "Sources").Value, StringComparison.Ordinal);
        Assert.Contains("Ask a follow-up", embed.GetProperty("footer").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Discord.Requests, r => r.Path.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoryTopicAutocompleteSuggestsTheStoriesTheBotFollows()
    {
        var (_, _, body) = FakeInteractions.Autocomplete("russian copyright", command: "story", option: "topic");

        var json = await fixture.Bot.PostForJsonAsync(body);

        Assert.Equal(8, json.GetProperty("type").GetInt32());
        var choice = json.GetProperty("data").GetProperty("choices")[0];
        Assert.StartsWith("Russian copyright wars", choice.GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.True(choice.GetProperty("name").GetString()!.Length <= 100);
    }

    [Fact]
    public async Task StoryWithoutATopicIsRefusedPrivately()
    {
        var (_, _, body) = FakeInteractions.Command("story", [new { name = "topic", type = 3, value = "  " }]);

        var json = await fixture.Bot.PostForJsonAsync(body);

        Assert.Equal(64, json.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Equal(DiscordCommandRouter.NoTopic, json.GetProperty("data").GetProperty("content").GetString());
    }

    [Fact]
    public async Task TheMoreButtonShowsThatPageOfTheBriefPrivately()
    {
        var (_, _, click) = FakeInteractions.Button("story:2:AllofMP3");

        var json = await fixture.Bot.PostForJsonAsync(click);

        Assert.Equal(4, json.GetProperty("type").GetInt32());
        Assert.Equal(64, json.GetProperty("data").GetProperty("flags").GetInt32());
        // The seed's brief has one page: a page past the end shows the last.
        Assert.Equal("Story: AllofMP3", json.GetProperty("data").GetProperty("embeds")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task AJournalledStoryLeftByAStoppedProcessIsBuiltAgainAndEditedIn()
    {
        var journal = fixture.Bot.App.Services.GetRequiredService<IChatJournal>();
        var (id, token) = ("1150999999999999991", "interaction-token-recovered-story");
        var key = $"Discord:{id}";
        Assert.True(await journal.TryAddAsync(new ChatJournalEntry(key, DiscordInteractionResponder.Platform, "corr-story", new Question("AllofMP3"),
            DiscordReplyRestorer.Save(token, id, isEphemeral: false, storyPage: 1), fixture.Time.GetUtcNow()), default));
        // As if another process had journalled it and stopped: recovery takes over only others' expired entries.
        await using (var connection = new SqliteConnection($"Data Source={fixture.Database}"))
        {
            await connection.OpenAsync();
            await using var stopped = connection.CreateCommand();
            stopped.CommandText = "UPDATE chat_journal SET owner = 'a-stopped-process', lease_until = 0 WHERE key = $key";
            stopped.Parameters.AddWithValue("$key", key);
            Assert.Equal(1, await stopped.ExecuteNonQueryAsync());
        }

        await fixture.Bot.App.Services.GetServices<IHostedService>().OfType<ChatRecovery>().Single().TakeOverAsync(default);

        var edit = (await fixture.Discord.WaitForAsync(r => r.Path.Contains(token, StringComparison.Ordinal))).Single();
        Assert.Equal("PATCH", edit.Method);
        Assert.Equal("Story: AllofMP3", edit.Json.GetProperty("embeds")[0].GetProperty("title").GetString());
    }

    /// <summary>The embed as a reader sees it, for the test log.</summary>
    private static string Render(JsonElement embed)
    {
        var text = new StringBuilder().AppendLine(embed.GetProperty("title").GetString()).AppendLine(embed.GetProperty("description").GetString());
        foreach (var field in embed.GetProperty("fields").EnumerateArray())
            text.AppendLine().AppendLine("## " + field.GetProperty("name").GetString()).AppendLine(field.GetProperty("value").GetString());
        return text.AppendLine().Append("-- ").Append(embed.GetProperty("footer").GetProperty("text").GetString()).ToString();
    }
}
