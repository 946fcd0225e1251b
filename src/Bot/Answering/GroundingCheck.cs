using System.Text.RegularExpressions;
using Newsdesk.Retrieval;
using Newsdesk.Text;

namespace Newsdesk.Answering;

/// <summary>Keeps only what the sources support. A language model's sentence survives when every citation number
/// names a passage it was given and the cited passages contain the sentence's content words and all its numbers;
/// everything else is dropped.</summary>
public static partial class GroundingCheck
{
    // Share of a sentence's content terms that the cited passages must contain.
    private const double MinSupport = 0.7;
    // A sentence with fewer content words ("It is legal now.") cannot be checked against its sources, so it goes.
    private const int MinCheckableTerms = 3;

    public static Composition ParseAndCheck(string modelText, IReadOnlyList<RetrievedPassage> passages, string backend)
    {
        var kept = new List<ComposedSentence>();
        foreach (var raw in SentenceSplitter.Split(modelText.Replace('\n', ' ')))
        {
            var numbers = CitationMarker().Matches(raw)
                .SelectMany(m => m.Groups["n"].Value.Split(',', StringSplitOptions.TrimEntries))
                .Select(n => int.TryParse(n, out var value) ? value : -1)
                .ToList();
            var valid = numbers.Where(n => n >= 1 && n <= passages.Count).Distinct().ToList();
            var text = CitationMarker().Replace(raw, "").Trim();
            text = SpaceBeforePunctuation().Replace(text, "$1");
            if (valid.Count == 0 || valid.Count != numbers.Distinct().Count() || text.Length == 0) continue;
            // Supported word for word by a planted article is still not an answer.
            if (PlantedInstruction.IsLike(text)) continue;
            if (!IsSupported(text, valid.Select(n => passages[n - 1].Passage.Title + " " + passages[n - 1].Passage.Text))) continue;
            kept.Add(new ComposedSentence(text, valid));
        }
        return new Composition(kept, backend);
    }

    public static bool IsSupported(string sentence, IEnumerable<string> citedTexts)
    {
        var sources = string.Join(' ', citedTexts);
        var sourceTerms = TextAnalyzer.TermSet(sources);
        var sentenceTerms = TextAnalyzer.TermSet(sentence);
        if (sentenceTerms.Count < MinCheckableTerms) return false;
        var supported = sentenceTerms.Count(sourceTerms.Contains) / (double)sentenceTerms.Count;
        if (supported < MinSupport) return false;
        // Figures are where invented claims hide: every number must appear in the sources as written.
        return Figure().Matches(sentence).All(m => sources.Contains(m.Value, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\s*\[(?<n>\d+(\s*,\s*\d+)*)\]")]
    private static partial Regex CitationMarker();

    [GeneratedRegex(@"\s+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex Figure();
}
