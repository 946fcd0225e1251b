using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Storage;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Answering;

/// <summary>Which sentences a thread has already been given, and which of them a follow-up may still be answered
/// with; what a thread was given is kept under that thread in the store, so another thread asking the same words does
/// not share it and a restart or another replica finds it; a follow-up whose previous turn is not on record is
/// answered as one whose is.</summary>
public sealed class ThreadAnswersTests
{
    private const string CourtDate = "The rapper, whose real name is David Darnell Brown, is due in court on 20 December.";
    private const string Shutdown = "AllofMP3.com has been shut down after diplomatic pressure was piled on Russian authorities.";

    [Fact]
    public void AGivenSentenceHoldingTheNewlyAskedKindMayAnswerAgain()
    {
        var given = new HashSet<string> { CourtDate, Shutdown };

        // "who got charged?" then "when's he in court?": the court date was given beside the name, never asked.
        Assert.Equal([Shutdown], ThreadAnswers.SetAside(given, AnswerKind.Agent, AnswerKind.Date));
        // Asked for a name again, the name it gave was the previous answer.
        Assert.Equal(given, ThreadAnswers.SetAside(given, AnswerKind.Agent, AnswerKind.Agent));
        // A yes/no question is asked by no span: every given sentence is set aside while another answers.
        Assert.Equal(given, ThreadAnswers.SetAside(given, AnswerKind.Agent, AnswerKind.YesNo));
    }

    [Fact]
    public void AQuestionWithNoThreadIsRememberedByItsTextsInThisProcess()
    {
        var memory = new TurnMemory();
        var first = new Question("who shut down allofmp3");
        var followUp = new Question("has it vanished before?", [first.Text]);
        memory.Remember(first, [Shutdown]);

        Assert.Equal([Shutdown], memory.Recall(ThreadAnswers.PreviousTurn(followUp)));
        Assert.Null(memory.Recall(new Question(first.Text, ["an earlier turn of another thread"])));
    }

    [Fact]
    public async Task TwoThreadsAskingTheSameWordsDoNotShareWhatEachWasGiven()
    {
        using var folder = new TemporaryFolder();
        using var host = CoreHost.Create(folder.File("store.db"), [TestPaths.Seeds]);
        var answers = host.Services.GetRequiredService<ThreadAnswers>();
        var first = new Question("who shut down allofmp3") { Thread = "slack:T1:C1:1700000000.000100" };
        await answers.RememberAsync(first, [Shutdown], CancellationToken.None);

        var followUp = new Question("has it vanished before?", [first.Text]) { Thread = first.Thread };
        var sameWordsElsewhere = new Question("has it vanished before?", [first.Text]) { Thread = "slack:T1:C2:1700000050.000200" };
        Assert.Equal([Shutdown], await answers.RecallAsync(ThreadAnswers.PreviousTurn(followUp), CancellationToken.None));
        // Before, turns were known by their texts alone: the other channel's thread was refused this thread's sentence.
        Assert.Null(await answers.RecallAsync(ThreadAnswers.PreviousTurn(sameWordsElsewhere), CancellationToken.None));
        Assert.Null(await answers.RecallAsync(new Question(first.Text) { Thread = "discord:G1:1234" }, CancellationToken.None));
    }

    [Fact]
    public async Task ANewHostOverTheSameStoreFindsWhatTheThreadWasAnsweredWith()
    {
        using var folder = new TemporaryFolder();
        var first = new Question("who shut down allofmp3") { Thread = "slack:T1:C1:1700000000.000100" };
        using (var before = await CoreHost.CreateLoadedAsync(folder.File("store.db"), [TestPaths.Seeds]))
        {
            var answer = await before.Services.GetRequiredService<IQuestionAnswerer>().AnswerAsync(first, CancellationToken.None);
            Assert.True(answer.IsAnswered, answer.Text);
        }

        // A restart (or another replica on the same store): the answer the thread's first turn was given is on record,
        // not composed again. Before, the new process knew nothing of it.
        using var after = CoreHost.Create(folder.File("store.db"), [TestPaths.Seeds]);
        var followUp = new Question("has it vanished before?", [first.Text]) { Thread = first.Thread };
        var given = await after.Services.GetRequiredService<ThreadAnswers>().RecallAsync(ThreadAnswers.PreviousTurn(followUp), CancellationToken.None);
        Assert.NotNull(given);
        Assert.Contains(given, s => s.Contains("shut down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AThreadsAnswersAreForgottenAfterTheirAgeLimit()
    {
        using var folder = new TemporaryFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        using var host = CoreHost.Create(folder.File("store.db"), [TestPaths.Seeds],
            new Dictionary<string, string?> { ["Answering:ThreadAnswerMaxAge"] = "2.00:00:00" }, s => s.AddSingleton<TimeProvider>(clock));
        var answers = host.Services.GetRequiredService<ThreadAnswers>();
        var old = new Question("who shut down allofmp3") { Thread = "discord:G1:111" };
        await answers.RememberAsync(old, [Shutdown], CancellationToken.None);

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal([Shutdown], await answers.RecallAsync(old, CancellationToken.None));
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Null(await answers.RecallAsync(old, CancellationToken.None));
        // Another thread's write removes the expired entry for good, so a thread asked once does not stay in the store.
        await answers.RememberAsync(new Question("who got charged?") { Thread = "discord:G1:222" }, [CourtDate], CancellationToken.None);
        await using var connection = await host.Services.GetRequiredService<SqliteConnections>().OpenAsync(CancellationToken.None);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM thread_answers";
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task AFollowUpWhosePreviousTurnThisProcessNeverAnsweredIsNotGivenThatAnswerAgain()
    {
        using var folder = new TemporaryFolder();
        using var host = await CoreHost.CreateLoadedAsync(folder.File("store.db"), [TestPaths.Seeds]);

        var answer = await host.Services.GetRequiredService<IQuestionAnswerer>()
            .AnswerAsync(new Question("has it vanished before?", ["who shut down allofmp3"]), CancellationToken.None);

        // Searched with its thread, it was answered with the shutdown sentence the first turn had been given.
        Assert.True(answer.IsAnswered, answer.Text);
        Assert.Contains("resurfaced", answer.Text, StringComparison.Ordinal);
    }
}
