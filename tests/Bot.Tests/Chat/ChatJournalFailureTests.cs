using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newsdesk.Chat;
using Newsdesk.Tests.Discord;
using Newsdesk.Tests.Fakes.Discord;
using Newsdesk.Tests.Fakes.Slack;
using Newsdesk.Tests.Slack;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Chat;

/// <summary>A journal that cannot be written never costs an answer: the questions are answered without it and the
/// failure is logged once, not once per question. The file's journal table here refuses every row (a CHECK that
/// always fails), which takes the same path as SQLITE_FULL on a full disk: an SqliteException from the write.</summary>
public sealed class ChatJournalFailureTests
{
    private const string Failure = "The chat journal could not be written";

    [Fact]
    public async Task SlackQuestionsAreAnsweredWithoutTheJournalAndTheFailureIsLoggedOnce()
    {
        using var folder = new TemporaryFolder();
        var database = RefusingJournal(folder);
        await using var slack = await FakeSlack.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using var bot = await SlackBot.StartAsync(slack, database, services: s => s.AddSingleton<ILoggerProvider>(logs));

        foreach (var channel in new[] { "CNOJOURNAL1", "CNOJOURNAL2" })
        {
            var mention = SlackEvents.Mention("Ev" + channel, channel, "1700000090.000100", $"{SlackEvents.BotMention} {SlackEvents.Question}");
            (await bot.SendAsync(slack.SignedEvent(mention))).EnsureSuccessStatusCode();
        }
        foreach (var channel in new[] { "CNOJOURNAL1", "CNOJOURNAL2" })
            await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.Channel == channel);

        Assert.Single(logs.Lines, l => l.Level == LogLevel.Error && l.Message.StartsWith(Failure, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DiscordQuestionsAreAnsweredWithoutTheJournalAndTheFailureIsLoggedOnce()
    {
        using var folder = new TemporaryFolder();
        var database = RefusingJournal(folder);
        await using var discord = await FakeDiscord.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using var bot = await DiscordBotHost.StartAsync(discord, database, services: s => s.AddSingleton<ILoggerProvider>(logs));

        foreach (var _ in Enumerable.Range(0, 2))
        {
            var answer = await bot.PostForJsonAsync(FakeInteractions.Ask("Who shut down AllofMP3?").Body);
            Assert.Contains("[1]", answer.GetProperty("data").GetProperty("embeds")[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        }

        Assert.Single(logs.Lines, l => l.Level == LogLevel.Error && l.Message.StartsWith(Failure, StringComparison.Ordinal));
    }

    /// <summary>A bot file whose chat_journal exists already (so the bot's CREATE … IF NOT EXISTS keeps it) and takes no row.</summary>
    private static string RefusingJournal(TemporaryFolder folder)
    {
        var database = folder.File("bot.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE chat_journal (key TEXT PRIMARY KEY CHECK (0), platform TEXT NOT NULL, correlation_id TEXT NOT NULL,
                question TEXT NOT NULL, earlier_turns TEXT NOT NULL, reply TEXT NOT NULL, accepted_at INTEGER NOT NULL);
            """;
        command.ExecuteNonQuery();
        return database;
    }
}
