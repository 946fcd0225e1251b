using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Answering;

/// <summary>A question asking what one thing is called is answered by a name joined to that thing, never by another
/// name near the question's words ("A lawyer representing Mr Pike and drummer Cal Dorrit" names no lawyer).</summary>
public sealed class ThingNamesTests : SeedStoreTest
{
    private static readonly TermStatistics Corpus = new(["AllofMP3 was shut down by the Kremlin.", "MediaServices still sells tracks for $0.10 each."]);

    private const string HotelFight = """
        Singer held after hotel fight

        The singer Roan Pike was arrested after a fight in a Berlin hotel on Friday, police said.

        A lawyer representing Mr Pike and drummer Cal Dorrit said outside court that the pair denied the charges.

        Roan Pike's debut solo album Glass Harbour is released next month on the Tarnlight label.
        """;

    protected override IReadOnlyDictionary<string, string> ExtraStories { get; } = new Dictionary<string, string>
    {
        ["roan-pike.txt"] = HotelFight,
    };

    [Theory]
    [InlineData("whats the name of doherty's lawyer", "lawyer")]
    [InlineData("what was the name of the hotel where oasis had the fight in munich", "hotel")]
    [InlineData("what's the name of the mark morrison album that got blocked", "album")]
    [InlineData("what's mcfadden's solo album called", "album")]
    [InlineData("what's nokia's radio tech that adds pictures called?", "tech")]
    [InlineData("what was the fan's name?", "fan")]
    [InlineData("what's the name of roan pike's solo album?", "album")]
    [InlineData("what's his real name?", null)]
    [InlineData("who is the manager?", null)]
    public void TheAskedNounIsTheThingNamed(string question, string? noun) =>
        Assert.Equal(noun, QuestionAnalyzer.Analyze(question, [], Corpus).NamedNoun);

    // The band the question itself names is not a thing whose name is asked.
    [Fact]
    public void ANameTheQuestionTypesIsNoAskedNoun() => Assert.Null(ThingNames.AskedNoun("what were u2 called before they were u2?", ["u2"]));

    // A wh-word after "the name of" opens a clause about the thing named: still a name is asked (it was a place).
    [Fact]
    public void TheNameOfAThingWhereSomethingHappenedIsAName() =>
        Assert.Equal(AnswerKind.Agent, QuestionAnalyzer.KindOf("what was the name of the hotel where oasis had the fight in munich"));

    [Theory]
    [InlineData("lawyer", "A lawyer representing Mr Doherty and Mr Wass said outside court the pair denied the charges.", false)]
    [InlineData("lawyer", "The singer's lawyer Howard Weitzman said she had turned her life around.", true)]
    [InlineData("lawyer", "Howard Weitzman, her lawyer, said she was clean and sober.", true)]
    [InlineData("hotel", "Gallagher was fined after a fight in a German hotel two years ago.", false)]
    [InlineData("hotel", "The band were staying at the Savoy Hotel in London.", true)]
    [InlineData("album", "McFadden, whose debut solo album is released next week, had a hit with his first solo single Real To Me.", false)]
    [InlineData("album", "Pike's debut solo album Glass Harbour is released next month on the Tarnlight label.", true)]
    [InlineData("album", "He spent thousands of pounds producing his album Innocent Man.", true)]
    [InlineData("tech", "Nokia has been working on a technology called Visual Radio.", true)]
    public void ANameJoinedToTheNounNamesIt(string noun, string sentence, bool holds) =>
        Assert.Equal(holds, ThingNames.Holds(sentence, noun, ["doherty", "mcfadden", "nokia"]));

    [Fact]
    public async Task NamesNearTheLawyerAreNotTheLawyersName()
    {
        var answer = await AskAsync("whats the name of roan pike's lawyer");

        Assert.True(answer.Coverage != AnswerCoverage.Answered, answer.Text);
    }

    [Fact]
    public async Task TheAlbumNamedAfterItsNounIsTheAlbumsName()
    {
        var answer = await AskAsync("what's the name of roan pike's solo album?");

        Assert.True(answer.Coverage == AnswerCoverage.Answered, $"{answer.Coverage}: {answer.Text}");
        Assert.Contains("Glass Harbour", answer.Text, StringComparison.Ordinal);
    }
}
