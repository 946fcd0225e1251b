using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Retrieval;
using Newsdesk.Text;

namespace Newsdesk.Tests.Answering;

/// <summary>"How old" is answered by an age, not by any figure in a sentence about the person.</summary>
public sealed class AgesTests
{
    private static readonly TermStatistics Corpus = new(["AllofMP3 was shut down by the Kremlin.", "MediaServices still sells tracks for $0.10 each."]);

    [Theory]
    [InlineData("how old is simon fuller", true)]
    [InlineData("how old was thorne nogar when he died?", true)]
    [InlineData("what's her age?", true)]
    [InlineData("how many albums has he sold?", false)]
    public void AnAgeIsAsked(string question, bool asked) =>
        Assert.Equal(asked, QuestionAnalyzer.Analyze(question, [], Corpus).AsksAge);

    [Theory]
    [InlineData("The 34-year-old made reference to the band's music in his parting statement.", true)]
    [InlineData("Nogar, who died in 1994 aged 72, always made two tapes.", true)]
    [InlineData("\"I think people should enjoy them,\" Nogar's son Stephen, 57, said.", true)]
    [InlineData("Saul Holiff has died at the age of 79, his family said.", true)]
    [InlineData("Simon Fuller has sold his 19 Entertainment company to an US entrepreneur in a $156m deal.", false)]
    [InlineData("The festival sold out in 2005, 10 weeks early.", false)]
    public void ASentenceStatesAnAge(string sentence, bool holds) => Assert.Equal(holds, Ages.Holds(sentence));

    // However sure the gate is of it, a sentence whose only figures are a deal's is no answer to "how old".
    [Theory]
    [InlineData("Pop Idol supremo Simon Fuller has sold his 19 Entertainment company to an US entrepreneur in a $156m (£81.5m) deal.", AnswerCoverage.Partial)]
    [InlineData("Pop Idol supremo Simon Fuller, 44, has sold his 19 Entertainment company in a $156m (£81.5m) deal.", AnswerCoverage.Answered)]
    public void OnlyAnAgeAnswersHowOld(string sentence, AnswerCoverage coverage)
    {
        var sure = new AnswerDecision(new double[SentenceEvidence.Names.Count], 5.0, new AnswerThresholds(0.45, 0.45, 0.20, 0.60), 0.60);
        var evidence = new SentenceEvidence(0, 0.7, 0.5, 0.5, 0, 1, 1, 0, 1, 0, 0.5, 1, 0, 0.5, 0.7, 0.7, 0, 1, 1, 0.7);
        var candidate = new AnswerCandidate(0, 0, sentence, TextAnalyzer.TermSet(sentence), evidence, 1);

        var decided = sure.Decide(TopicStanding.Covered, QuestionAnalyzer.Analyze("how old is simon fuller", [], Corpus), [candidate], _ => true);

        Assert.Equal(coverage, decided.Coverage);
    }
}
