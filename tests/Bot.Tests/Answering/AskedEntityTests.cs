using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newsdesk.Chat;
using Newsdesk.Tests.Support;

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
