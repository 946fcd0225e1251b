using Newsdesk.Answering;
using Newsdesk.Chat;

namespace Newsdesk.Tests.Answering;

public sealed class FollowUpQueryTests
{
    [Theory]
    [InlineData("did any other torrent sites close?", true)]
    [InlineData("and when do downloads get added to the chart?", true)]
    [InlineData("how did he make his money?", false)]
    [InlineData("how many copies has their album sold?", false)]
    [InlineData("when did the us say that?", false)]
    [InlineData("It was shut down?", false)]
    public void AFollowUpStandsAloneOnlyWithoutAWordPointingBackIntoTheThread(string followUp, bool standsAlone) =>
        Assert.Equal(standsAlone, FollowUpQuery.StandsAlone(followUp));

    [Fact]
    public void AFollowUpIsSearchedAfterAtMostThreeEarlierTurns()
    {
        var question = new Question("and then?", ["one", "two", "three", "four"]);
        Assert.Equal("two three four and then?", FollowUpQuery.SearchText(question));
        Assert.Equal("who runs it?", FollowUpQuery.SearchText(new Question("who runs it?")));
    }
}
