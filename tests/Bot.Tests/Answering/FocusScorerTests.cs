using Newsdesk.Answering;
using Newsdesk.Text;

namespace Newsdesk.Tests.Answering;

/// <summary>The focus phrase embedded for phrase-level similarity: the asked message without the words that name
/// the stories' topic, so "what does the album cost" is compared with sentences as "what does the cost".</summary>
public sealed class FocusScorerTests
{
    private static QuestionAnalysis Analysis(string message) =>
        new(AnswerKind.Money, TextAnalyzer.TermSet(message), new HashSet<string>(), [], "that");

    [Fact]
    public void TheTopicWordsGoAndTheFocusAndGrammarStay()
    {
        const string message = "what does the album cost?";
        var focus = TextAnalyzer.TermSet("cost");

        Assert.Equal("what does the cost", FocusScorer.FocusPhrase(message, Analysis(message), focus));
    }

    [Fact]
    public void AFollowUpWithNoTopicWordIsItsOwnFocus()
    {
        const string message = "how much do they charge?";

        Assert.Equal(message, FocusScorer.FocusPhrase(message, Analysis(message), TextAnalyzer.TermSet(message)));
    }

    [Fact]
    public void AMessageMadeOfTopicWordsAloneIsKeptWhole()
    {
        const string message = "allofmp3 mediaservices";

        Assert.Equal(message, FocusScorer.FocusPhrase(message, Analysis(message), new HashSet<string>()));
    }
}
