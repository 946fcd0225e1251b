using Newsdesk.Answering;

namespace Newsdesk.Tests.Answering;

public sealed class WorkTitlesTests
{
    // A show's or a podcast's title follows its noun as an album's does; a quoted common word is no title.
    [Theory]
    [InlineData("Mr Curry records, hosts, edits and produce a daily, 40 minute podcast called The Daily Source Code.", true)]
    [InlineData("The BBC series Top Gear returns next month.", true)]
    [InlineData("It is called \"podcasting\" and is the latest craze.", false)]
    [InlineData("Adam Curry is one of the pioneers of the show format.", false)]
    public void ASentenceHoldsAShowsTitle(string sentence, bool holds) =>
        Assert.Equal(holds, WorkTitles.Holds(sentence, ["curry"]));
}
