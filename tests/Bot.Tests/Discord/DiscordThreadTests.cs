using Microsoft.Data.Sqlite;
using Newsdesk.Chat;
using Newsdesk.Tests.Fakes.Discord;

namespace Newsdesk.Tests.Discord;

/// <summary>An <c>/ask</c> used inside a Discord thread follows up on the thread's earlier questions, through the real
/// interactions endpoint: the channel's type (11 a public thread, 12 a private one) says it is a thread, and the
/// questions are remembered by the thread's channel id. A plain channel's questions stand alone.</summary>
[Collection(DiscordBotCollection.Name)]
public sealed class DiscordThreadTests(DiscordBotFixture fixture)
{
    private const int PublicThread = 11, PrivateThread = 12, TextChannel = 0;

    [Theory]
    [InlineData(PublicThread)]
    [InlineData(PrivateThread)]
    public async Task AskInAThreadIsAskedWithTheThreadsEarlierQuestions(int type)
    {
        var thread = ($"13000000000000000{type}", type);

        await AskAsync("who shut down allofmp3?", thread);
        await AskAsync("has it vanished before?", thread);
        var third = await AskAsync("how many users did it have?", thread);

        Assert.Equal(["who shut down allofmp3?", "has it vanished before?"], third.EarlierTurns);
        // What the thread was answered with is kept under the thread, within its guild.
        Assert.Equal($"discord:290926798626357999:{thread.Item1}", third.Thread);
    }

    [Fact]
    public async Task AskInAPlainChannelStandsAlone()
    {
        var channel = ("1300000000000000100", TextChannel);

        await AskAsync("who shut down allofmp3?", channel);
        var second = await AskAsync("has it vanished before?", channel);

        Assert.Empty(second.EarlierTurns);
        Assert.Null(second.Thread);
    }

    [Fact]
    public async Task ThreadsKeepTheirTurnsApart()
    {
        var (first, second) = (("1300000000000000201", PublicThread), ("1300000000000000202", PublicThread));

        await AskAsync("who shut down allofmp3?", first);
        await AskAsync("who is top of the music rich list?", second);
        var followUp = await AskAsync("has it vanished before?", first);

        Assert.Equal(["who shut down allofmp3?"], followUp.EarlierTurns);
        Assert.NotEqual(followUp.Thread, fixture.Answerer.Questions.Last(q => q.Text == "who is top of the music rich list?").Thread);
    }

    /// <summary>A private answer is the asker's alone, so it is no turn the thread can follow up on; it still follows
    /// up on the thread's public questions.</summary>
    [Fact]
    public async Task PrivateAskInAThreadFollowsUpButIsNotRemembered()
    {
        var thread = ("1300000000000000301", PublicThread);

        await AskAsync("who shut down allofmp3?", thread);
        var asked = await AskAsync("has it vanished before?", thread, isPrivate: true);
        var after = await AskAsync("how many users did it have?", thread);

        Assert.Equal(["who shut down allofmp3?"], asked.EarlierTurns);
        Assert.Equal(["who shut down allofmp3?"], after.EarlierTurns);
    }

    /// <summary>A thread whose turns cannot be read (here their table is gone from the store) still gets its answer,
    /// as a question standing alone, and the next question is answered too.</summary>
    [Fact]
    public async Task AskInAThreadWhoseTurnsCannotBeReadIsAnsweredStandingAlone()
    {
        var thread = ("1300000000000000401", PublicThread);
        await AskAsync("who shut down allofmp3?", thread);

        await ExecuteAsync("ALTER TABLE discord_thread_turns RENAME TO discord_thread_turns_away");
        try
        {
            var asked = await AskAsync("has it vanished before?", thread);
            var next = await AskAsync("how many users did it have?", thread);

            Assert.Empty(asked.EarlierTurns);
            Assert.Empty(next.EarlierTurns);
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE discord_thread_turns_away RENAME TO discord_thread_turns");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Asks through the endpoint and returns the question the answerer was given.</summary>
    private async Task<Question> AskAsync(string question, (string Id, int Type) channel, bool isPrivate = false)
    {
        var (_, _, body) = FakeInteractions.Ask(question, isPrivate, channel);
        var json = await fixture.Bot.PostForJsonAsync(body);
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        return fixture.Answerer.Questions.Last(q => q.Text == question);
    }
}
