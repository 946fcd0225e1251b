using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Answering;

/// <summary>Which sentences a thread has already been given, and which of them a follow-up may still be answered
/// with; a follow-up reaching a process that did not answer its thread's previous turn (a restart, another replica)
/// is answered as one that did.</summary>
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
    public void AProcessRemembersTheSentencesOfEachTurnByItsThread()
    {
        var memory = new ThreadAnswers();
        var first = new Question("who shut down allofmp3");
        var followUp = new Question("has it vanished before?", [first.Text]);
        memory.Remember(first, [Shutdown]);

        Assert.Equal([Shutdown], memory.Recall(ThreadAnswers.PreviousTurn(followUp)));
        Assert.Null(memory.Recall(new Question(first.Text, ["an earlier turn of another thread"])));
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
