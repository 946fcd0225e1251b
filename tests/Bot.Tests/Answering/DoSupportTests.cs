using Newsdesk.Answering;
using Newsdesk.Retrieval;

namespace Newsdesk.Tests.Answering;

/// <summary>A partly covered reply says what the stories do not say in a clause made from the question. After a
/// wh-phrase the do-auxiliary goes and its tense and person pass to the verb; in a yes/no question it moves before the
/// verb, keeping the asked verb's form; a clause without a verb to carry them is left to the caller.</summary>
public sealed class DoSupportTests
{
    private static readonly TermStatistics Corpus = new(["A student ran napster.no.", "MP3Sparks sells albums."]);

    [Theory]
    [InlineData("did the napster.no student actually pay up", "the napster.no student actually paid up")]
    [InlineData("did the bpi win its case", "the bpi won its case")]
    [InlineData("did they start nudging users over to the new site", "they started nudging users over to the new site")]
    [InlineData("did the label ban the track", "the label banned the track")]
    [InlineData("did the band sign with a major", "the band signed with a major")]
    [InlineData("did the site open in the uk", "the site opened in the uk")]
    [InlineData("did the firm try to appeal", "the firm tried to appeal")]
    [InlineData("does mp3sparks charge for a whole album", "mp3sparks charges for a whole album")]
    [InlineData("does the site carry the beatles", "the site carries the beatles")]
    public void AfterAWhPhraseTheAuxiliarysTenseAndPersonPassToTheVerb(string clause, string statement) =>
        Assert.Equal(statement, DoSupport.Fold(clause));

    [Theory]
    [InlineData("did the napster.no student actually pay up", "the napster.no student actually did pay up")]
    [InlineData("does the site carry the beatles", "the site does carry the beatles")]
    [InlineData("did they start nudging users over", "they did start nudging users over")]
    public void InAYesNoQuestionTheAuxiliaryMovesBeforeTheVerb(string clause, string statement) =>
        Assert.Equal(statement, DoSupport.Move(clause));

    [Theory]
    [InlineData("did allofmp3 users get refunds")]
    [InlineData("is the site back up")]
    [InlineData("did it")]
    [InlineData("do musicians actually think suing file sharers helps them")]
    public void AClauseWithoutAVerbToCarryTheAuxiliaryIsLeftToTheCaller(string clause)
    {
        Assert.Null(DoSupport.Fold(clause));
        Assert.Null(DoSupport.Move(clause));
    }

    // Stop 19: "why is thomas slattery suing apple?" was said as "why thomas slattery suing apple", "how much are they
    // claiming?" as "how much they claiming": the auxiliary "be" was dropped instead of put after the subject.
    [Theory]
    [InlineData("is the singer suing his label", "the singer is suing his label")]
    [InlineData("are they claiming", "they are claiming")]
    [InlineData("was he fined", "he was fined")]
    [InlineData("is there a delay", "there is a delay")]
    [InlineData("is the drummer", "the drummer is")]
    [InlineData("was the download chart delayed", "the download chart was delayed")]
    [InlineData("was the singer when he died", "the singer was when he died")]
    [InlineData("is the wedding off", null)]
    [InlineData("is the band due in court", null)]
    [InlineData("did the band split", null)]
    public void AfterAWhPhraseBeFollowsTheSubject(string clause, string? statement) =>
        Assert.Equal(statement, DoSupport.Unfold(clause));

    // "get" and "have" are verbs though the analyser stops them: "did the rapper get locked up" was said as "the
    // rapper get locked up" (stop 19), "how many users does it have" as "how many users it have".
    [Theory]
    [InlineData("did the rapper get locked up", "the rapper got locked up")]
    [InlineData("does it have", "it has")]
    [InlineData("did they get paid", "they got paid")]
    public void GetAndHaveCarryTheTense(string clause, string statement) =>
        Assert.Equal(statement, DoSupport.Fold(clause));

    [Theory]
    [InlineData("did the napster.no student actually pay up?", "whether the napster.no student actually did pay up")]
    [InlineData("do musicians actually think suing file sharers helps them?", "whether musicians actually think suing file sharers helps them")]
    [InlineData("how much did mp3sparks charge for a whole album?", "how much mp3sparks charged for a whole album")]
    [InlineData("why is the singer suing his label?", "why the singer is suing his label")]
    [InlineData("why did the rapper get locked up?", "why the rapper got locked up")]
    [InlineData("how many users does it have?", "how many users it has")]
    public void TheReplysMissingFactReadsAsAStatement(string question, string wanted) =>
        Assert.Equal(wanted, QuestionAnalyzer.Analyze(question, [], Corpus).Wanted);
}
