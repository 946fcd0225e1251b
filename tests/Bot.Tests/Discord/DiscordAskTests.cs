using System.Text.Json;
using Microsoft.Data.Sqlite;
using Newsdesk.Discord;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Discord.Interactions;
using Newsdesk.Discord.Replies;

namespace Newsdesk.Tests.Discord;

[Collection(DiscordBotCollection.Name)]
public sealed class DiscordAskTests(DiscordBotFixture fixture)
{
    private const string Question = "Who shut down AllofMP3?";

    [Fact]
    public async Task AskIsAnsweredDirectlyWithAnEmbedCitationsAndFeedbackButtons()
    {
        var (_, token, body) = FakeInteractions.Ask(Question);

        var json = await fixture.Bot.PostForJsonAsync(body);

        Assert.Equal(4, json.GetProperty("type").GetInt32());
        var data = json.GetProperty("data");
        Assert.False(data.TryGetProperty("flags", out _));
        Assert.Equal(0, data.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        var embed = data.GetProperty("embeds")[0];
        Assert.Equal(Question, embed.GetProperty("title").GetString());
        Assert.Contains("[1]", embed.GetProperty("description").GetString());
        Assert.StartsWith("[1] ", embed.GetProperty("fields")[0].GetProperty("name").GetString());
        Assert.Contains("offline", embed.GetProperty("footer").GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);
        var buttons = data.GetProperty("components")[0].GetProperty("components");
        Assert.Equal(2, buttons.GetArrayLength());
        Assert.DoesNotContain(fixture.Discord.Requests, r => r.Path.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrivateAskIsEphemeral()
    {
        var (_, _, body) = FakeInteractions.Ask(Question, isPrivate: true);

        var json = await fixture.Bot.PostForJsonAsync(body);

        Assert.Equal(4, json.GetProperty("type").GetInt32());
        Assert.Equal(64, json.GetProperty("data").GetProperty("flags").GetInt32());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SlowAskIsDeferredThenTheOriginalMessageIsEditedOnce(bool isPrivate)
    {
        var (_, token, body) = FakeInteractions.Ask(Question, isPrivate);
        fixture.Answerer.HoldNext();

        var posting = fixture.Bot.PostAsync(body);
        await fixture.Answerer.Entered.WaitAsync(TimeSpan.FromSeconds(60));
        fixture.Time.Advance(TimeSpan.FromSeconds(2));
        using var response = await posting;
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(5, json.GetProperty("type").GetInt32());
        Assert.Equal(isPrivate, json.TryGetProperty("data", out var data) && data.GetProperty("flags").GetInt32() == 64);
        fixture.Answerer.Release();
        var edit = (await fixture.Discord.WaitForAsync(r => r.Path.Contains(token, StringComparison.Ordinal))).Single();
        Assert.Equal("PATCH", edit.Method);
        Assert.Equal($"/api/v10/webhooks/{FakeDiscord.ApplicationId}/{token}/messages/@original", edit.Path);
        Assert.Null(edit.Header("Authorization"));
        Assert.StartsWith("DiscordBot (", edit.Header("User-Agent"));
        Assert.Equal(0, edit.Json.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.False(edit.Json.TryGetProperty("flags", out _));
        Assert.Contains("[1]", edit.Json.GetProperty("embeds")[0].GetProperty("description").GetString());
    }

    [Fact]
    public async Task FailingAnswerThatWasDeferredIsEditedIntoAnApology()
    {
        var (_, token, body) = FakeInteractions.Ask(Question);
        fixture.Answerer.HoldNext(shouldFail: true);

        var posting = fixture.Bot.PostAsync(body);
        await fixture.Answerer.Entered.WaitAsync(TimeSpan.FromSeconds(60));
        fixture.Time.Advance(TimeSpan.FromSeconds(2));
        using var response = await posting;
        Assert.Contains("\"type\":5", await response.Content.ReadAsStringAsync());
        fixture.Answerer.Release();

        var edit = (await fixture.Discord.WaitForAsync(r => r.Path.Contains(token, StringComparison.Ordinal))).Single();
        Assert.Equal(DiscordAnswerFormatter.Apology, edit.Json.GetProperty("content").GetString());
        Assert.Equal(0, edit.Json.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
    }

    [Fact]
    public async Task FailingAnswerWithinTheBudgetIsAnsweredWithAnApology()
    {
        var (_, _, body) = FakeInteractions.Ask(Question);
        fixture.Answerer.FailNext();

        var json = await fixture.Bot.PostForJsonAsync(body);

        Assert.Equal(4, json.GetProperty("type").GetInt32());
        Assert.Equal(DiscordAnswerFormatter.Apology, json.GetProperty("data").GetProperty("content").GetString());
    }

    [Fact]
    public async Task FeedbackButtonIsStoredWithTheAnswerAndAcknowledgedEphemerally()
    {
        var (_, _, body) = FakeInteractions.Ask(Question);
        var answer = await fixture.Bot.PostForJsonAsync(body);
        var thumbsUp = answer.GetProperty("data").GetProperty("components")[0].GetProperty("components")[0].GetProperty("custom_id").GetString()!;

        var (_, _, click) = FakeInteractions.Button(thumbsUp, userId: "4242");
        var json = await fixture.Bot.PostForJsonAsync(click);

        Assert.Equal(4, json.GetProperty("type").GetInt32());
        Assert.Equal(64, json.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Equal(DiscordInteractionDispatcher.Thanks, json.GetProperty("data").GetProperty("content").GetString());
        await using var connection = new SqliteConnection($"Data Source={fixture.Database}");
        await connection.OpenAsync();
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT is_helpful, question, answer, citations FROM feedback_votes WHERE platform = 'Discord' AND user_id = '4242'";
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1, reader.GetInt32(0));
        Assert.Equal(Question, reader.GetString(1));
        Assert.Contains("[1]", reader.GetString(2));
        Assert.Contains("\"title\"", reader.GetString(3));
    }
}
