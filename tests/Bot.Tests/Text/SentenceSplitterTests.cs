using Newsdesk.Text;

namespace Newsdesk.Tests.Text;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void AbbreviationsDecimalsAndDomainsDoNotEndASentence()
    {
        const string text = "Mr. Taylor of the U.S. office said tracks cost $0.10 on AllofMP3.com last week. It has gone. Has it?";

        var sentences = SentenceSplitter.Split(text);

        Assert.Equal(["Mr. Taylor of the U.S. office said tracks cost $0.10 on AllofMP3.com last week.", "It has gone.", "Has it?"], sentences);
    }

    [Fact]
    public void ClosingQuotesAndTheRegisterMarkStayWithTheirSentence()
    {
        const string text = "Taylor said: \"True fans should not support them\". ® Next story starts here.";

        var sentences = SentenceSplitter.Split(text);

        Assert.Equal(["Taylor said: \"True fans should not support them\". ®", "Next story starts here."], sentences);
    }

    [Fact]
    public void SpansAreVerbatimSlicesOfTheText()
    {
        const string text = "First one.  Second one!\tThird one?";

        var spans = SentenceSplitter.Spans(text);

        Assert.Equal(["First one.", "Second one!", "Third one?"], spans.Select(s => text.Substring(s.Start, s.Length)));
    }
}
