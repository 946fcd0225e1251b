using Newsdesk.Text;

namespace Newsdesk.Retrieval;

/// <summary>Passage frequencies of analysed terms, for inverse-document-frequency weights.</summary>
public sealed class TermStatistics
{
    private readonly Dictionary<string, int> passageFrequency = new(StringComparer.Ordinal);
    private readonly int passageCount;

    public TermStatistics(IEnumerable<string> passageTexts)
    {
        foreach (var text in passageTexts)
        {
            passageCount++;
            foreach (var term in TextAnalyzer.TermSet(text))
                passageFrequency[term] = passageFrequency.GetValueOrDefault(term) + 1;
        }
    }

    /// <summary>How many passages the statistics were taken over.</summary>
    public int PassageCount => passageCount;

    /// <summary>Whether any passage holds the term: a name no article contains is evidence of no coverage.</summary>
    public bool Contains(string term) => passageFrequency.ContainsKey(term);

    /// <summary>BM25-style IDF; a term the corpus never uses gets the highest weight, since the question hinges on
    /// something the corpus does not know.</summary>
    public double Idf(string term)
    {
        var n = passageFrequency.GetValueOrDefault(term);
        return Math.Log(1 + (passageCount - n + 0.5) / (n + 0.5));
    }
}
