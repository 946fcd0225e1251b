using System.Diagnostics;
using System.Net;
using Newsdesk.Tests.Fakes.Slack;

namespace Newsdesk.Tests.Slack;

public sealed class SlackEventsTests(SlackBotFixture fixture) : IClassFixture<SlackBotFixture>
{
    private FakeSlack Slack => fixture.Slack;

    private SlackBot Bot => fixture.Bot;

    [Fact]
    public async Task UrlVerificationEchoesTheChallenge()
    {
        var response = await Bot.SendAsync(Slack.SignedEvent("""{"token":"t","challenge":"abc123XYZ","type":"url_verification"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("abc123XYZ", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ForgedSignatureIsRejectedAndRunsNothing()
    {
        var body = SlackEvents.Mention("EvForged", "CFORGED", "1700000001.000100", $"{SlackEvents.BotMention} forged question about AllofMP3");
        var forged = await Bot.SendAsync(Slack.SignedEvent(body, secret: "not-the-secret"));
        var unsigned = new HttpRequestMessage(HttpMethod.Post, "slack/events") { Content = new StringContent(body) };
        var noHeaders = await Bot.SendAsync(unsigned);
        var challenge = await Bot.SendAsync(Slack.SignedEvent("""{"challenge":"x","type":"url_verification"}""", secret: "not-the-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noHeaders.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        Assert.DoesNotContain("x", await challenge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await fixture.DrainAsync();
        Assert.Empty(fixture.PostsTo("CFORGED"));
        Assert.DoesNotContain(Bot.Answerer.Questions, q => q.Text.Contains("forged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StaleSlackTimestampIsRejectedAndRunsNothing()
    {
        var body = SlackEvents.Mention("EvStale", "CSTALE", "1700000001.000200", $"{SlackEvents.BotMention} stale question about AllofMP3");
        var stale = await Bot.SendAsync(Slack.SignedEvent(body, at: Slack.Clock.GetUtcNow().AddMinutes(-6)));
        var future = await Bot.SendAsync(Slack.SignedEvent(body, at: Slack.Clock.GetUtcNow().AddMinutes(6)));

        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, future.StatusCode);
        await fixture.DrainAsync();
        Assert.Empty(fixture.PostsTo("CSTALE"));
    }

    [Fact]
    public async Task ASignedButMalformedBodyIsABadRequest()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Bot.SendAsync(Slack.SignedEvent("{not json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Bot.SendAsync(Slack.SignedEvent("""{"type":"url_verification"}"""))).StatusCode);
    }

    [Fact]
    public async Task AMentionIsAnsweredOnceInItsThreadDespiteRetriesAndItsMessageCopy()
    {
        const string ts = "1700000002.000100";
        var mention = SlackEvents.Mention("EvOnce", "CONCE", ts, $"{SlackEvents.BotMention} {SlackEvents.Question}");

        var first = await Bot.SendAsync(Slack.SignedEvent(mention));
        var reply = await Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CONCE");
        var retry = await Bot.SendAsync(Slack.SignedEvent(mention, retryNum: 1));
        var laterRetry = await Bot.SendAsync(Slack.SignedEvent(mention, retryNum: 3));
        var messageCopy = await Bot.SendAsync(Slack.SignedEvent(SlackEvents.Message("EvOnceCopy", "CONCE", ts, $"{SlackEvents.BotMention} {SlackEvents.Question}")));
        await fixture.DrainAsync();

        Assert.All(new[] { first, retry, laterRetry, messageCopy }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(fixture.PostsTo("CONCE"));
        Assert.Equal(ts, reply.ThreadTs);
        Assert.Equal($"Bearer {FakeSlack.BotToken}", reply.Authorization);
        Assert.Contains("AllofMP3", reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(reply.Blocks, b => b!["type"]!.GetValue<string>() == "context");
        Assert.Contains(Bot.Answerer.Questions, q => q.Text == SlackEvents.Question);
    }

    [Fact]
    public async Task AMentionInsideAThreadIsAnsweredUnderTheThreadsRoot()
    {
        var body = SlackEvents.Mention("EvInThread", "CTHREAD", "1700000003.000200", $"{SlackEvents.BotMention} {SlackEvents.Question}", threadTs: "1700000003.000100");
        (await Bot.SendAsync(Slack.SignedEvent(body))).EnsureSuccessStatusCode();
        var reply = await Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CTHREAD");
        Assert.Equal("1700000003.000100", reply.ThreadTs);
    }

    [Fact]
    public async Task AFollowUpInAThreadCarriesTheEarlierQuestions()
    {
        const string root = "1700000004.000100";
        (await Bot.SendAsync(Slack.SignedEvent(SlackEvents.Mention("EvTurn1", "CFOLLOW", root, $"{SlackEvents.BotMention} {SlackEvents.Question}")))).EnsureSuccessStatusCode();
        var first = await Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CFOLLOW");
        (await Bot.SendAsync(Slack.SignedEvent(SlackEvents.Mention("EvTurn2", "CFOLLOW", "1700000004.000300", $"{SlackEvents.BotMention} and who owns it now?", threadTs: root)))).EnsureSuccessStatusCode();
        await Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "CFOLLOW" && c.Sequence > first.Sequence);

        var followUp = Assert.Single(Bot.Answerer.Questions, q => q.Text == "and who owns it now?");
        Assert.Equal([SlackEvents.Question], followUp.EarlierTurns);
        // The follow-up is asked in the thread its first turn started (workspace, channel, root), where what that turn
        // was answered with is kept.
        Assert.Equal($"slack:T1:CFOLLOW:{root}", followUp.Thread);
        Assert.Contains(Bot.Answerer.Questions, q => q.Text == SlackEvents.Question && q.Thread == followUp.Thread);
        Assert.All(fixture.PostsTo("CFOLLOW"), c => Assert.Equal(root, c.ThreadTs));
    }

    [Fact]
    public async Task ADirectMessageIsAnswered()
    {
        (await Bot.SendAsync(Slack.SignedEvent(SlackEvents.Message("EvDm", "DPERSON", "1700000005.000100", SlackEvents.Question, channelType: "im")))).EnsureSuccessStatusCode();
        var reply = await Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == "DPERSON");
        Assert.Null(reply.ThreadTs);
        Assert.Contains("AllofMP3", reply.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task BotsIncludingItselfAreIgnoredAndPlainChannelMessagesToo()
    {
        await Bot.SendAsync(Slack.SignedEvent(SlackEvents.Message("EvBot1", "DBOTS", "1700000006.000100", SlackEvents.Question, "im", botId: "BOTHER")));
        await Bot.SendAsync(Slack.SignedEvent(SlackEvents.Message("EvBot2", "DBOTS", "1700000006.000200", SlackEvents.Question, "im", user: FakeSlack.BotUserId)));
        await Bot.SendAsync(Slack.SignedEvent(SlackEvents.Message("EvChat", "CCHAT", "1700000006.000300", SlackEvents.Question)));
        await fixture.DrainAsync();
        Assert.Empty(fixture.PostsTo("DBOTS"));
        Assert.Empty(fixture.PostsTo("CCHAT"));
    }

    [Fact]
    public async Task FiftyConcurrentMentionsAreAllAcknowledgedInsideThreeSecondsAndAnsweredOnce()
    {
        var requests = Enumerable.Range(0, 50).Select(async i =>
        {
            var body = SlackEvents.Mention($"EvBurst{i}", "CBURST", $"1700000007.{i:D6}", $"{SlackEvents.BotMention} {SlackEvents.Question}");
            var clock = Stopwatch.StartNew();
            var response = await Bot.SendAsync(Slack.SignedEvent(body));
            return (response.StatusCode, clock.Elapsed);
        }).ToList();
        var acks = await Task.WhenAll(requests);

        Assert.All(acks, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.All(acks, a => Assert.True(a.Elapsed < TimeSpan.FromSeconds(3), $"acknowledged after {a.Elapsed}"));
        await fixture.DrainAsync();
        var posts = fixture.PostsTo("CBURST");
        Assert.Equal(50, posts.Count);
        Assert.Equal(50, posts.Select(p => p.ThreadTs).Distinct().Count());
    }
}
