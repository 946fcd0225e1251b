using Newsdesk.Answering;

namespace Newsdesk.Tests.Answering;

/// <summary>The words around a typed span that the focus is compared with: the relation the span stands in.</summary>
public sealed class SpanWindowsTests
{
    [Fact]
    public void AWindowHoldsTheSpanAndTheWordsBeforeAndAfterIt()
    {
        const string sentence = "All three sites punt tracks for between about $0.10 and $0.20.";
        var spans = TypedSpans.Find(AnswerKind.Money, sentence);

        var windows = SpanWindows.Around(sentence, spans);

        Assert.Equal("punt tracks for between about $0.10 and $0.20.", windows[0]);
        Assert.Equal("for between about $0.10 and $0.20.", windows[1]);
    }

    [Fact]
    public void AWindowStopsAtFiveWordsEachSide()
    {
        const string sentence = "one two three four five six seven Maria Okafor eight nine ten eleven twelve thirteen";
        var at = sentence.IndexOf("Maria Okafor", StringComparison.Ordinal);

        var window = Assert.Single(SpanWindows.Around(sentence, [(at, "Maria Okafor".Length)]));

        Assert.Equal("three four five six seven Maria Okafor eight nine ten eleven twelve", window);
    }

    [Fact]
    public void NoSpanNoWindow() => Assert.Empty(SpanWindows.Around("Nothing typed here at all.", []));
}
