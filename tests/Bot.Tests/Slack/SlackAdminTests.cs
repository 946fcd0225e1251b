using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Digest;
using Newsdesk.Slack.Interactions;
using Newsdesk.Slack.Posting;
using Newsdesk.Storage;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Slack;

/// <summary>Setting the bot up from Slack and voting on its answers: each set-up command with and without the role it
/// needs (users.info, or the configured user group), votes stored once under retries, forged clicks refused.</summary>
public sealed class SlackAdminTests : IAsyncLifetime
{
    private const string AdminGroup = "S0ADMINS1";
    private readonly TemporaryFolder folder = new();
    private FakeSlack slack = null!;
    private SlackBot bot = null!;

    public async Task InitializeAsync()
    {
        slack = await FakeSlack.StartAsync();
        bot = await SlackBot.StartAsync(slack, folder.File("bot.db"), settings: [$"--Slack:AdminUserGroup={AdminGroup}"]);
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await slack.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task AMemberWhoIsNeitherAdminNorInTheGroupIsRefusedPrivatelyAndNothingChanges()
    {
        ScriptUser(isAdmin: false);
        slack.Script("usergroups.users.list", Ok(new JsonObject { ["users"] = new JsonArray("USOMEONE") }));

        var reply = await CommandAsync("refused", "digest subscribe");

        Assert.Contains("workspace admin or owner or a member of the user group S0ADMINS1", reply, StringComparison.Ordinal);
        Assert.Empty(await bot.App.Services.GetRequiredService<DigestSubscriptionStore>().ListAsync(default));
        var info = Assert.Single(slack.Calls(c => c.Method == "users.info"));
        Assert.Equal("UPERSON", info.Form!["user"]);
    }

    [Fact]
    public async Task AnAdminSubscribesAndUnsubscribesTheChannelAndTheChangeIsRecorded()
    {
        ScriptUser(isAdmin: true);
        var subscribed = await CommandAsync("sub", "digest subscribe");
        ScriptUser(isAdmin: true);
        var listed = await bot.App.Services.GetRequiredService<DigestDestinations>().ListAsync(default);
        var when = await CommandAsync("when", "digest when");
        ScriptUser(isAdmin: true);
        var unsubscribed = await CommandAsync("unsub", "digest unsubscribe <#CADMIN001|news>");

        Assert.Contains("Channel CADMIN001 gets the daily digest", subscribed, StringComparison.Ordinal);
        Assert.Contains(listed, d => d.Destination.Key == "slack:CADMIN001" && d.AddedBy == "slack:UPERSON");
        Assert.Contains("channel CADMIN001", when, StringComparison.Ordinal);
        Assert.Contains("no longer gets", unsubscribed, StringComparison.Ordinal);
        var audit = await bot.App.Services.GetRequiredService<AdminAuditLog>().ListAsync(5, default);
        Assert.Equal(["digest.unsubscribe", "digest.subscribe"], audit.Select(a => a.Action));
    }

    [Fact]
    public async Task AMemberOfTheConfiguredGroupMayListFeedsAndAMissingScopeIsSaidNotIgnored()
    {
        ScriptUser(isAdmin: false);
        slack.Script("usergroups.users.list", Ok(new JsonObject { ["users"] = new JsonArray("UPERSON") }));
        var listed = await CommandAsync("list", "feeds list");
        slack.Script("users.info", new SlackResponse(200, """{"ok":false,"error":"missing_scope"}"""));
        var unchecked_ = await CommandAsync("scope", "feeds list");

        Assert.Contains("I follow no feeds yet", listed, StringComparison.Ordinal);
        Assert.Contains("users:read", unchecked_, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerCarriesVoteButtonsAndAVoteDeliveredTwiceIsStoredOnceWithTheAnswer()
    {
        await bot.SendAsync(slack.SignedEvent(SlackEvents.Mention("EvVote1", "CVOTES001", "1700000000.000100", $"{SlackEvents.BotMention} {SlackEvents.Question}")));
        var answer = await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CVOTES001");
        var buttons = answer.Blocks.Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]!.AsArray();
        var up = buttons.Single(b => b!["value"]!.GetValue<string>().StartsWith("up:", StringComparison.Ordinal))!;

        var click = Click(up["action_id"]!.GetValue<string>(), up["value"]!.GetValue<string>());
        var first = await bot.SendAsync(slack.SignRequest("slack/interactions", click, "application/x-www-form-urlencoded"));
        var retry = await bot.SendAsync(slack.SignRequest("slack/interactions", click, "application/x-www-form-urlencoded"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        var votes = await VotesAsync();
        var vote = Assert.Single(votes);
        Assert.Equal(("UVOTER", 1, SlackEvents.Question), (vote.User, vote.IsHelpful, vote.Question));
        Assert.Contains("AllofMP3", vote.Answer, StringComparison.Ordinal);
        Assert.Contains("\"number\":1", vote.Citations, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerVotedDownShowsOnMetricsWithItsQuestion()
    {
        await bot.SendAsync(slack.SignedEvent(SlackEvents.Mention("EvWorst1", "CWORST01", "1700000000.000200", $"{SlackEvents.BotMention} {SlackEvents.Question}")));
        var answer = await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CWORST01");
        var buttons = answer.Blocks.Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]!.AsArray();
        var down = buttons.Single(b => b!["value"]!.GetValue<string>().StartsWith("down:", StringComparison.Ordinal))!;

        var vote = await bot.SendAsync(slack.SignRequest("slack/interactions", Click(down["action_id"]!.GetValue<string>(), down["value"]!.GetValue<string>()),
            "application/x-www-form-urlencoded"));
        var metrics = await bot.Http.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
        Assert.Matches("(?m)^newsdesk_feedback_worst_answers\\{[^}]*question=\"" + System.Text.RegularExpressions.Regex.Escape(SlackEvents.Question) + "\"[^}]*\\} 1", metrics);
    }

    [Fact]
    public async Task AForgedOrMalformedClickIsRefusedAndNothingIsStored()
    {
        var click = Click(SlackActionIds.Vote, "up:anything");
        var forged = await bot.SendAsync(slack.SignRequest("slack/interactions", click, "application/x-www-form-urlencoded", secret: "not-the-secret"));
        var stale = await bot.SendAsync(slack.SignRequest("slack/interactions", click, "application/x-www-form-urlencoded", at: DateTimeOffset.UtcNow.AddMinutes(-10)));
        var malformed = await bot.SendAsync(slack.SignRequest("slack/interactions", "payload=%7Bnot+json", "application/x-www-form-urlencoded"));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest), (forged.StatusCode, stale.StatusCode, malformed.StatusCode));
        Assert.Empty(await VotesAsync());
    }

    [Fact]
    public async Task ADigestStorysFollowUpButtonAsksAboutItPrivatelyThroughTheResponseUrl()
    {
        var story = new DigestStory("AllofMP3 shut down", null, "Music Week", "The Russian site closed.", 1.0, DateTimeOffset.UnixEpoch);
        var digest = SlackDigestFormatter.Format(new DigestContent("Tuesday 11 March 2025", [new DigestTopic([story])], 0), "nd-test");
        var button = digest.Blocks.Select(b => b!["accessory"]).Single(a => a is not null)!;
        Assert.Equal(SlackActionIds.FollowUp, button["action_id"]!.GetValue<string>());

        var click = Click(SlackActionIds.FollowUp, button["value"]!.GetValue<string>(), slack.ResponseUrl("followup"));
        var response = await bot.SendAsync(slack.SignRequest("slack/interactions", click, "application/x-www-form-urlencoded"));
        var answer = await slack.WaitForCallAsync(c => c.Method == "response_url" && c.Path == "/response/followup");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ephemeral", answer.Json!["response_type"]!.GetValue<string>());
        Assert.Contains(bot.Answerer.Questions, q => q.Text == story.FollowUpQuestion);
    }

    [Fact]
    public async Task ModeAllNeedsAnAdminThenAnswersAQuestionInAThreadAndIgnoresChatterAndWhatItDoesNotCover()
    {
        ScriptUser(isAdmin: false);
        slack.Script("usergroups.users.list", Ok(new JsonObject { ["users"] = new JsonArray() }));
        var refused = await CommandAsync("mode-refused", "mode all");
        ScriptUser(isAdmin: true);
        var set = await CommandAsync("mode-all", "mode all");

        await SendAsync(ChannelMessage("EvAll1", "CADMIN001", "1700000100.000001", "lol nice one"));
        await SendAsync(ChannelMessage("EvAll2", "CADMIN001", "1700000100.000002", "Who won the county cricket championship in 1987?"));
        await SendAsync(ChannelMessage("EvAll3", "CADMIN001", "1700000100.000003", SlackEvents.Question));
        await SendAsync(ChannelMessage("EvAll4", "CADMIN001", "1700000100.000004", "<@UOTHER1> who shut down AllofMP3?"));
        await DrainAsync("CADMIN001");

        Assert.Contains("workspace admin or owner", refused, StringComparison.Ordinal);
        Assert.Contains("every question posted in this channel", set, StringComparison.Ordinal);
        var answers = slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CADMIN001" && c.ThreadTs != "1700000199.000001");
        var answer = Assert.Single(answers);
        Assert.Equal("1700000100.000003", answer.ThreadTs);
        Assert.Contains("AllofMP3", answer.Text, StringComparison.Ordinal);
        // The uncovered question was answered (declined) and nothing was posted; chatter and a message to someone else never reached the answerer.
        Assert.Contains(bot.Answerer.Questions, q => q.Text.StartsWith("Who won the county cricket", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Answerer.Questions, q => q.Text.Contains("lol", StringComparison.Ordinal) || q.Text.Contains("UOTHER1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InMentionsModeAThreadTheBotAnsweredInGoesOnWithoutAMentionUnlessAddressedToSomeoneElse()
    {
        await SendAsync(SlackEvents.Mention("EvThr1", "CTHREAD01", "1700000200.000001", $"{SlackEvents.BotMention} {SlackEvents.Question}"));
        await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CTHREAD01");
        await SendAsync(ThreadMessage("EvThr2", "CTHREAD01", "1700000200.000002", "1700000200.000001", "<@UOTHER1> what do you think about it?"));
        await SendAsync(ThreadMessage("EvThr3", "CTHREAD01", "1700000200.000003", "1700000200.000001", "And who owns the site now?"));
        await SendAsync(ChannelMessage("EvThr4", "CTHREAD01", "1700000200.000004", "Who runs the charts these days?"));
        await DrainAsync("CTHREAD01");

        var replies = slack.Calls(c => c.Method == "chat.postMessage" && c.Channel == "CTHREAD01" && c.ThreadTs == "1700000200.000001");
        Assert.Equal(2, replies.Count);
        Assert.Contains(bot.Answerer.Questions, q => q.Text == "And who owns the site now?" && q.EarlierTurns.Contains(SlackEvents.Question));
        Assert.DoesNotContain(bot.Answerer.Questions, q => q.Text.Contains("what do you think", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Answerer.Questions, q => q.Text == "Who runs the charts these days?");
    }

    /// <summary>One worker answers in order: once a later mention is answered, every event sent before it is handled.</summary>
    private async Task DrainAsync(string channel)
    {
        await SendAsync(SlackEvents.Mention($"EvDrain{channel}", channel, "1700000199.000001", $"{SlackEvents.BotMention} {SlackEvents.Question}"));
        await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == channel && c.ThreadTs == "1700000199.000001");
    }

    private async Task SendAsync(string body) => (await bot.SendAsync(slack.SignedEvent(body))).EnsureSuccessStatusCode();

    private static string ChannelMessage(string eventId, string channel, string ts, string text) => SlackEvents.Message(eventId, channel, ts, text);

    private static string ThreadMessage(string eventId, string channel, string ts, string threadTs, string text)
    {
        var body = JsonNode.Parse(SlackEvents.Message(eventId, channel, ts, text))!;
        body["event"]!["thread_ts"] = threadTs;
        return body.ToJsonString();
    }

    private void ScriptUser(bool isAdmin) =>
        slack.Script("users.info", Ok(new JsonObject { ["user"] = new JsonObject { ["id"] = "UPERSON", ["is_admin"] = isAdmin, ["is_owner"] = false } }));

    private static SlackResponse Ok(JsonObject body)
    {
        body["ok"] = true;
        return new SlackResponse(200, body.ToJsonString());
    }

    private static string Click(string actionId, string value, Uri? responseUrl = null)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "UVOTER", ["username"] = "voter" },
            ["channel"] = new JsonObject { ["id"] = "CVOTES001" },
            ["response_url"] = (responseUrl ?? new Uri("https://hooks.slack.com/actions/T1/1/x")).AbsoluteUri,
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = actionId, ["value"] = value, ["block_id"] = "b1", ["type"] = "button" }),
        };
        return "payload=" + Uri.EscapeDataString(payload.ToJsonString());
    }

    private async Task<string> CommandAsync(string id, string text)
    {
        var response = await bot.SendAsync(slack.SignedCommand(new Dictionary<string, string>
        {
            ["team_id"] = "T1", ["channel_id"] = "CADMIN001", ["user_id"] = "UPERSON", ["command"] = "/newsdesk", ["text"] = text,
            ["response_url"] = slack.ResponseUrl(id).AbsoluteUri,
        }));
        response.EnsureSuccessStatusCode();
        return (await slack.WaitForCallAsync(c => c.Method == "response_url" && c.Path == $"/response/{id}")).Text;
    }

    private async Task<List<(string User, long IsHelpful, string Question, string Answer, string Citations)>> VotesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={folder.File("bot.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT user_id, is_helpful, question, answer, citations FROM feedback_votes WHERE platform = 'Slack'";
        var rows = new List<(string, long, string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        return rows;
    }
}
