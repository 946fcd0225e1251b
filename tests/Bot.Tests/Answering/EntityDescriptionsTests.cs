using Newsdesk.Answering;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Text;

namespace Newsdesk.Tests.Answering;

/// <summary>A definite description stands for the asked entity one or two sentences after a sentence naming it, when
/// its head noun fits the name: the question's own noun after the name's possessive, or the title the stories write
/// before the name. Stop 19: "why can't nogar's family sell copies of the tapes?" was partial although the story's
/// "Because the family does not own the copyright …" holds the reason: it, the sentence before and the title name no
/// Nogar (he is named two sentences earlier).</summary>
public sealed class EntityDescriptionsTests
{
    private const string Tapes =
        "He said the engineer Harlan Quibbet would not give the price. " +
        "Mr Quibbet, who died in 1994, always made two tapes of each session. " +
        "\"He called them his spare tapes,\" his son said. " +
        "Because the family does not own the copyright, the tapes cannot be copied. " +
        "The auction made a total of $1.1m. " +
        "The family has not commented.";

    [Theory]
    // "the family" two sentences after "Mr Quibbet": about him (main said no: the sentence, the one before and the
    // title name no Quibbet).
    [InlineData("why can't quibbet's family sell copies of the tapes?", 3, true)]
    // Three sentences after the name: too far for a description to stand for it.
    [InlineData("why has quibbet's family not commented?", 5, false)]
    // Without the question's possessive, "family" is no noun the name was given ("engineer" is).
    [InlineData("why can't quibbet sell copies of the tapes?", 3, false)]
    public void TheQuestionsOwnNounAfterThePossessiveDescribesTheName(string asked, int sentence, bool about) =>
        AssertAbout(about, Tapes, asked, sentence, typed: null);

    // "the family of sound engineer Harlan Quibbet" binds "the family" to him for the rest of the passage: the same
    // sentence four sentences on is about him (the shape of the BBC story, where three sentences part it from "Mr Nogar").
    [Fact]
    public void ADescriptionTheStoryWritesWithTheNameStandsForItLater()
    {
        const string bound = "He said the family of sound engineer Harlan Quibbet would not give the price. " +
            "Mr Quibbet always made two tapes of each session. The tapes date from 1956. The quality is crisp. " +
            "Because the family does not own the copyright, the tapes cannot be copied.";
        AssertAbout(true, bound, "why can't quibbet's family sell copies of the tapes?", 4, typed: null);
        AssertAbout(false, bound.Replace("the family of sound engineer", "the sound engineer", StringComparison.Ordinal),
            "why can't quibbet's family sell copies of the tapes?", 4, typed: null);
    }

    // The BBC story's own shape: the binding sentence is in the story's previous paragraph, a passage of its own.
    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void ADescriptionBoundInAnEarlierPassageOfTheStoryStandsForIt(long documentOfFirst, bool about)
    {
        const string first = "He said the family of sound engineer Harlan Quibbet would not give the price.";
        const string second = "Mr Quibbet always made two tapes. The tapes date from 1956. The quality is crisp. " +
            "Because the family does not own the copyright, the tapes cannot be copied.";
        var passages = new[] { Passage(first, "Auction news", documentOfFirst, 0), Passage(second, "Auction news", 1, 1) };
        var analysis = new QuestionAnalysis(AnswerKind.Reason, TextAnalyzer.TermSet("why can't quibbet's family sell copies"), new HashSet<string>(), [], "")
        {
            AskedText = "why can't quibbet's family sell copies of the tapes?",
        };
        var (start, length) = passages[1].Sentences[3].Span;
        var text = second.Substring(start, length);
        var zero = new SentenceEvidence(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        Assert.Equal(about, AskedEntity.Near(analysis, passages)(new AnswerCandidate(1, 3, text, TextAnalyzer.TermSet(text), zero, 0)));
    }

    [Fact]
    public void ANameTheQuestionTypesIsDescribedToo() =>
        AssertAbout(true, Tapes, "why can't Quibbet's family sell copies of the tapes?", 3, typed: "Quibbet");

    [Theory]
    // "The star" two sentences after "Reggae star Voltrane": the stories gave the name that title.
    [InlineData("Reggae star Voltrane was jailed on Monday. The hearing lasted an hour. The star swore at the crowd, the judge said.", true)]
    // "The judge" is no title the name was given.
    [InlineData("Reggae star Voltrane was jailed on Monday. The hearing lasted an hour. The judge said his lyrics were offensive.", false)]
    // Without the title ("Police jailed Voltrane"), "the star" stands for no one the stories named so.
    [InlineData("Police jailed Voltrane in Kingston on Monday. The hearing lasted an hour. The star swore at the crowd, the judge said.", false)]
    public void TheTitleTheStoriesGiveTheNameDescribesIt(string story, bool about) =>
        AssertAbout(about, story, "why did voltrane get jailed?", 2, typed: null);

    [Theory]
    [InlineData("Reggae star Voltrane sang", "star")]
    [InlineData("the family of sound engineer Harlan Quibbet", "engineer")]
    public void TheWordBeforeTheNamesCapitalisedRunIsItsTitle(string sentence, string noun)
    {
        var name = noun == "star" ? "voltrane" : "quibbet";
        Assert.Contains(noun, EntityDescriptions.Nouns("", [name], [Passage(sentence, "title")]));
    }

    [Theory]
    [InlineData("Following Voltrane's arrest, fans gathered.")]
    [InlineData("He said Voltrane would appear.")]
    [InlineData("It was written by Voltrane.")]
    public void AVerbOrFunctionWordBeforeTheNameIsNoTitle(string sentence) =>
        Assert.Empty(EntityDescriptions.Nouns("", ["voltrane"], [Passage(sentence, "title")]));

    private static void AssertAbout(bool expected, string story, string question, int sentence, string? typed)
    {
        var passage = Passage(story, "Court and auction news");
        var analysis = new QuestionAnalysis(AnswerKind.Reason, TextAnalyzer.TermSet(question), new HashSet<string>(), [], "")
        {
            Names = typed is null ? [] : [typed],
            AskedText = question,
        };
        var texts = passage.Sentences.Select(s => story.Substring(s.Span.Start, s.Span.Length)).ToList();
        Assert.True(texts.Count > sentence, string.Join(" | ", texts));
        var text = texts[sentence];
        var zero = new SentenceEvidence(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        var candidate = new AnswerCandidate(0, sentence, text, TextAnalyzer.TermSet(text), zero, 0);
        Assert.True(expected == AskedEntity.Near(analysis, [passage])(candidate), $"sentence {sentence} of: {string.Join(" | ", texts)}");
    }

    private static RetrievedPassage Passage(string story, string title, long document = 1, int ordinal = 0)
    {
        var spans = SentenceSplitter.Spans(story).Select(s => (new SentenceSpan(s.Start, s.Length), 0.5f)).ToList();
        return new RetrievedPassage(new StoredPassage(document * 10 + ordinal, document, "story.txt", title, null, ordinal, story, DateTimeOffset.UnixEpoch), 1, 0, 0, 0.5, spans);
    }
}
