using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Answering;

/// <summary>A follow-up that leans on its thread is about the thread's subject: it is answered from the thread's story
/// alone. Another story's passages used to fill the slots the story left, and a sentence of theirs that matched the
/// follow-up's words ("real name Calvin Broadus" after a thread about Mick Mars) was offered as what the stories say.</summary>
public sealed class FollowUpStoryOnlyTests : SeedStoreTest
{
    protected override IReadOnlyDictionary<string, string> ExtraStories { get; } = new Dictionary<string, string>
    {
        ["guitarist-sued.txt"] = """
            Guitarist Dex Harlan sued by former manager

            Rock guitarist Dex Harlan is being sued by his former manager, Lena Okoro, who says he owes her unpaid commission from the band's last world tour.

            Okoro is asking a court in Leeds to award her damages. Harlan, 48, is recovering from surgery on his wrist and has not played live since March. Harlan - real name Douglas Pell - formed the band with his brother in 1986.
            """,
        ["rapper-lawsuit.txt"] = """
            Rapper Kid Vandal faces second lawsuit

            Rapper Kid Vandal is facing a second lawsuit this year, after a stylist said he failed to pay for a video shoot.

            The lawsuit names Kid Vandal - real name Marcus Obi - plus two of his associates and his record label. His spokesman said the claims were untrue and would be fought in court.
            """,
    };

    [Fact]
    public async Task AFollowUpThatPointsBackIsGivenOnlyItsThreadsStory()
    {
        var retriever = Host.Services.GetRequiredService<FollowUpRetriever>();
        var first = await retriever.RetrieveAsync(new Question("who is suing dex harlan?"), CancellationToken.None);
        var story = first.Passages[0].Passage;
        Assert.Contains("Harlan", story.Title, StringComparison.Ordinal);

        var followUp = await retriever.RetrieveAsync(new Question("what's his real name?", ["who is suing dex harlan?"]), CancellationToken.None);

        Assert.True(followUp.IsCovered);
        Assert.NotEmpty(followUp.Passages);
        Assert.All(followUp.Passages, p => Assert.Equal(story.DocumentId, p.Passage.DocumentId));
    }

    [Fact]
    public async Task AFollowUpIsNotAnsweredWithAnotherStorysSubject()
    {
        var answer = await AskAsync("what's his real name?", "who is suing dex harlan?");

        Assert.DoesNotContain("Marcus Obi", answer.Text, StringComparison.Ordinal);
    }
}
