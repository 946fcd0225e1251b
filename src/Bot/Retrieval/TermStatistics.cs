using Newsdesk.Text;

namespace Newsdesk.Retrieval;

/// <summary>Passage frequencies of analysed terms, for inverse-document-frequency weights.</summary>
public sealed class TermStatistics
{
    private readonly Dictionary<string, int> passageFrequency = new(StringComparer.Ordinal);
    private readonly int passageCount;

    public TermStatistics(IEnumerable<string> passageTexts)
    {
        var texts = passageTexts as string[] ?? [.. passageTexts];
        passageCount = texts.Length;
        // Analysing every passage into terms is most of this work (about a third of a second for the BBC set on one
        // core, on the critical path of every start). Each core counts a contiguous share of the passages and the
        // shares are added up: counts are sums, so they are the same as one pass over all of them.
        var shares = Math.Max(1, Math.Min(Environment.ProcessorCount, texts.Length / PassagesPerShare));
        if (shares == 1)
        {
            Count(texts, passageFrequency);
            return;
        }
        var size = (texts.Length + shares - 1) / shares;
        var counted = new Dictionary<string, int>[shares];
        Parallel.For(0, shares, new ParallelOptions { MaxDegreeOfParallelism = shares }, share =>
        {
            counted[share] = new Dictionary<string, int>(StringComparer.Ordinal);
            Count(texts.AsSpan(share * size, Math.Min(size, texts.Length - share * size)), counted[share]);
        });
        foreach (var share in counted)
        foreach (var (term, count) in share)
            passageFrequency[term] = passageFrequency.GetValueOrDefault(term) + count;
    }

    /// <summary>Statistics counted before (<see cref="IndexSnapshotFile"/>): the counts as <see cref="PassageFrequencies"/>
    /// gave them, over <paramref name="passageCount"/> passages.</summary>
    internal TermStatistics(Dictionary<string, int> passageFrequency, int passageCount)
    {
        this.passageFrequency = passageFrequency;
        this.passageCount = passageCount;
    }

    /// <summary>How many passages hold each term, for keeping the statistics with an index snapshot.</summary>
    internal IReadOnlyDictionary<string, int> PassageFrequencies => passageFrequency;

    // Below this many passages a share costs more to start than it saves.
    private const int PassagesPerShare = 512;

    private static void Count(ReadOnlySpan<string> texts, Dictionary<string, int> frequency)
    {
        foreach (var text in texts)
        foreach (var term in TextAnalyzer.TermSet(text))
            frequency[term] = frequency.GetValueOrDefault(term) + 1;
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
