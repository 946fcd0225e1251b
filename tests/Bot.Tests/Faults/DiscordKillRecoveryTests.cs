using System.Text.Json;
using Newsdesk.Discord;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Support;
using Newsdesk.Discord.Replies;

namespace Newsdesk.Tests.Faults;

/// <summary>SIGKILL of the real program while a deferred /ask is being answered (its edit of the original message
/// held by the fake Discord), then a restart on the same store: the journalled question is answered again by editing
/// the same original message, so the person ends up with one answer where "thinking…" was.</summary>
public sealed class DiscordKillRecoveryTests
{
    [Fact]
    public async Task AfterAKillMidAnswerTheRestartedBotEditsTheAnswerIntoTheOriginalMessage()
    {
        using var folder = new TemporaryFolder();
        await using var discord = await FakeDiscord.StartAsync();
        var database = folder.File("bot.db");
        // No answer budget: every /ask is deferred (type 5) and its answer edited in.
        string[] settings = ["--Discord:AnswerBudgetMilliseconds=0"];
        var (_, token, body) = FakeInteractions.Ask("Who shut down AllofMP3?");
        discord.Script(FakeDiscordResponse.Hang);

        await using (var first = await ServeProcess.StartAsync(discord, database, settings))
        {
            using var ask = discord.SignedInteraction(first.Address, body);
            ask.Headers.Add("X-Correlation-Id", "kill-discord-1");
            using var response = await first.Http.SendAsync(ask);
            Assert.Equal(5, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetInt32());
            await discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.Contains(token, StringComparison.Ordinal));
            Assert.Null(discord.OriginalMessage(token));
            await first.KillAsync();
        }

        await using var second = await ServeProcess.StartAsync(discord, database, settings);
        var edits = await discord.WaitForAsync(r => r.Path.Contains(token, StringComparison.Ordinal), count: 2);

        Assert.All(edits, e => Assert.Equal("PATCH", e.Method));
        Assert.Equal(edits[0].Body, edits[1].Body);
        var original = JsonDocument.Parse(discord.OriginalMessage(token)!).RootElement;
        Assert.Contains("[1]", original.GetProperty("embeds")[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(DiscordAnswerFormatter.Apology, discord.OriginalMessage(token)!, StringComparison.Ordinal);
        // Nothing else carried the token: no follow-up message, so the channel shows one answer.
        Assert.Equal(2, discord.Requests.Count(r => r.Path.Contains(token, StringComparison.Ordinal)));
        await second.WaitForLogLineAsync(l => l.Contains("Replied to a Discord question: answered", StringComparison.Ordinal)
            && l.Contains("CorrelationId:kill-discord-1", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
    }
}
