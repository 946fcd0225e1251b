using Newsdesk.Retrieval;
using Newsdesk.Text;

namespace Newsdesk.Tests.Retrieval;

/// <summary>Term statistics over enough passages to be counted in shares on several cores must equal one count over
/// all of them, passage by passage.</summary>
public sealed class TermStatisticsTests
{
    [Fact]
    public void CountsTakenInSharesEqualOneCountOverEveryPassage()
    {
        // Enough passages for several shares, with terms common to all, to some shares and to one passage only.
        var texts = Enumerable.Range(0, 5_000)
            .Select(i => $"Label {i % 7} signed band{i % 97} for the tour; contract{i} pays royalties in share {i / 1_000}.")
            .ToArray();
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        foreach (var term in TextAnalyzer.TermSet(text))
            expected[term] = expected.GetValueOrDefault(term) + 1;

        var statistics = new TermStatistics(texts.Select(t => t));

        Assert.Equal(texts.Length, statistics.PassageCount);
        foreach (var (term, count) in expected)
        {
            Assert.True(statistics.Contains(term), term);
            Assert.Equal(Math.Log(1 + (texts.Length - count + 0.5) / (count + 0.5)), statistics.Idf(term));
        }
        Assert.False(statistics.Contains("absent"));
    }

    [Fact]
    public void AFewPassagesAreCountedAsWell()
    {
        var statistics = new TermStatistics(["AllofMP3 sold songs cheaply", "The label sued AllofMP3"]);

        Assert.Equal(2, statistics.PassageCount);
        Assert.Equal(Math.Log(1 + 0.5 / 2.5), statistics.Idf(TextAnalyzer.Terms("AllofMP3").Single()));
        Assert.Equal(Math.Log(1 + 1.5 / 1.5), statistics.Idf(TextAnalyzer.Terms("label").Single()));
    }
}
