using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Support;
using Newsdesk.Text;

namespace Newsdesk.Tests.Answering;

/// <summary>A figure of the asked kind, beside the asked focus, answers only about the entity the question names: the
/// name in the sentence, the one before it or the title. The story below gives one shop's catalogue in a sentence
/// ("It has …") that follows a sentence about its rival; asked about the other shop, the bot must not answer with it.</summary>
public sealed class AskedEntityTests : SeedStoreTest
{
    private const string Story = """
        Download shops battle for London listeners

        The download shop Tunebarrow opened in London on Monday, selling single tracks rather than memberships.

        Its founder, Dana Whitcombe, said the shop would add a radio service later this year.

        A rival shop, Songcrate, charges its members a monthly fee instead. It has a catalogue of around 80,000 songs.
        """;

    protected override IReadOnlyDictionary<string, string> ExtraStories { get; } =
        new Dictionary<string, string> { ["download-shops.txt"] = Story };

    [Fact]
    public async Task AFigureAboutAnotherEntityDoesNotAnswer()
    {
        var answer = await AskAsync("how many songs does Tunebarrow have in its catalogue?");

        Assert.True(answer.Coverage != AnswerCoverage.Answered, answer.Text);
    }

    [Fact]
    public async Task TheSameFigureAnswersAboutTheEntityTheSentenceBeforeNames()
    {
        var answer = await AskAsync("how many songs does Songcrate have in its catalogue?");

        Assert.Equal(AnswerCoverage.Answered, answer.Coverage);
        Assert.Contains("80,000", answer.Text, StringComparison.Ordinal);
    }
}

/// <summary>A name the question types may stand in the story only inside a longer name written as one word: "mp3" in
/// "AllofMP3" and "MP3Sparks". Stop 19: "how did taylor describe those russian mp3 shops?" was decided partial over
/// seed + BBC (and declined over the seed) because no term of the seed's sentences or title is "mp3", although its
/// title is "Russian copyright wars to continue despite AllofMP3 shutdown".</summary>
public sealed class AskedEntityCompoundTests
{
    private const string Story = "MediaServices says its laws allow it. Taylor said today: \"These illegal sites are unlicensed parasites.\"";

    // The seed's own shape: the question types "mp3", the story's title holds it only inside "AllofMP3", and the
    // sentence that answers names the speaker but not the sites' name. Fails on main 0bf1711 (the sentence is context).
    [Theory]
    [InlineData("Russian copyright wars to continue despite AllofMP3 shutdown", true)]
    [InlineData("Russian copyright wars to continue despite the shutdown", false)]
    [InlineData("Russian copyright wars to continue despite allofmp3 shutdown", false)]
    public void ASentenceIsAboutANameItsTitleHoldsInsideAJoinedName(string title, bool about)
    {
        var spans = SentenceSplitter.Spans(Story).Select(s => (new SentenceSpan(s.Start, s.Length), 0.5f)).ToList();
        var passage = new RetrievedPassage(new StoredPassage(1, 1, "seed.txt", title, null, 0, Story, DateTimeOffset.UnixEpoch), 1, 0, 0, 0.5, spans);
        var question = new QuestionAnalysis(AnswerKind.Description, TextAnalyzer.TermSet("describe mp3 shops"), new HashSet<string>(), [], "")
        {
            Names = ["mp3"],
            AskedText = "how did he describe those mp3 shops?",
        };
        var (start, length) = spans[1].Item1;
        var text = Story.Substring(start, length);
        var zero = new SentenceEvidence(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        var candidate = new AnswerCandidate(0, 1, text, TextAnalyzer.TermSet(text), zero, 0);

        Assert.Equal(about, AskedEntity.Near(question, [passage])(candidate));
    }

    [Theory]
    [InlineData("Russian copyright wars to continue despite AllofMP3 shutdown", "mp3")]
    [InlineData("a new site called MP3Sparks.com", "mp3")]
    [InlineData("a new site called MP3Sparks.com", "sparks")]
    [InlineData("a similar site, allTunes.com, which is still available", "tunes")]
    public void ANameAtASeamOfAJoinedNameIsHeld(string text, string name) => Assert.True(AskedEntity.InCompound(text, name));

    [Theory]
    [InlineData("Glen Campbell played the hall", "bell")]
    [InlineData("the allofmp3 site", "mp3")]
    [InlineData("mp3 sites", "mp3")]
    [InlineData("the charts", "art")]
    public void ANameInsideAWordWithoutASeamOrAsAWholeWordIsNotACompound(string text, string name) => Assert.False(AskedEntity.InCompound(text, name));
}

/// <summary>A long paragraph is cut into passages between sentences, so the sentence that opens a passage may lean on
/// the last sentence of the story's previous passage for its subject. Stop 20: "which xfm guy said every track of
/// theirs sounded like a single? the bravery i mean" was partial over seed + BBC: the answering sentence ("Nigel Harding
/// … said every track from their live set …") opens a passage, and the sentence before it, which names The Bravery,
/// stood in the passage before.</summary>
public sealed class AskedEntityAcrossPassagesTests : SeedStoreTest
{
    // One paragraph of 86 words: the splitter closes the first passage after the Songcrate sentence (78 words) and the
    // catalogue sentence opens the next.
    private const string Story = """
        Download shops battle for London listeners

        The download shop Tunebarrow opened in London on Monday, selling single tracks rather than memberships. Its founder, Dana Whitcombe, said the shop would add a radio service later this year and hoped to sign up local bands. She said listeners in the capital wanted to own the songs they paid for rather than rent them each month. Analysts said the market for paid downloads was growing quickly. A rival shop, Songcrate, charges its members a monthly fee instead. It has a catalogue of around 80,000 songs.
        """;

    protected override IReadOnlyDictionary<string, string> ExtraStories { get; } =
        new Dictionary<string, string> { ["download-shops.txt"] = Story };

    // Fails on main 09a3f78: the catalogue sentence opens its passage, so no sentence before it was read.
    [Fact]
    public async Task ASentenceOpeningAPassageIsAboutTheEntityTheStorysSentenceBeforeNames()
    {
        var answer = await AskAsync("how many songs does Songcrate have in its catalogue?");

        Assert.Equal(AnswerCoverage.Answered, answer.Coverage);
        Assert.Contains("80,000", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItIsNotAboutAnEntityOnlyEarlierSentencesName()
    {
        var answer = await AskAsync("how many songs does Tunebarrow have in its catalogue?");

        Assert.True(answer.Coverage != AnswerCoverage.Answered, answer.Text);
    }
}
