using System.Text.RegularExpressions;
using Newsdesk.Chat;
using Newsdesk.Retrieval;
using Newsdesk.Text;

namespace Newsdesk.Answering;

/// <summary>Keeps only what the sources support. A language model's sentence survives when every citation number
/// names a passage it was given, the cited passages contain most of its content words, and every figure, name and
/// date it states appears in them: a faithful paraphrase keeps its sentence, an invented figure, name or date loses
/// it. A reply in the prompt's PARTIAL form ("PARTIAL: what the passages say [n]. NOT STATED: the asked fact") becomes
/// a partly covered composition; "NOT COVERED", or nothing supported, becomes a decline.</summary>
public static partial class GroundingCheck
{
    // Share of a sentence's content terms that the cited passages must contain.
    private const double MinSupport = 0.7;
    // A sentence with fewer content words ("It is legal now.") cannot be checked against its sources, so it goes.
    private const int MinCheckableTerms = 3;

    public static Composition ParseAndCheck(string modelText, IReadOnlyList<RetrievedPassage> passages, string backend)
    {
        var text = modelText.Replace('\n', ' ').Trim();
        string? missing = null;
        var partial = PartialReply().Match(text);
        if (partial.Success)
        {
            text = partial.Groups["said"].Value;
            missing = partial.Groups["missing"].Value.Trim().TrimEnd('.', ' ');
            if (missing.Length == 0) missing = null;
        }

        var kept = new List<ComposedSentence>();
        foreach (var raw in SentenceSplitter.Split(text))
        {
            var numbers = CitationMarker().Matches(raw)
                .SelectMany(m => m.Groups["n"].Value.Split(',', StringSplitOptions.TrimEntries))
                .Select(n => int.TryParse(n, out var value) ? value : -1)
                .ToList();
            var valid = numbers.Where(n => n >= 1 && n <= passages.Count).Distinct().ToList();
            var sentence = CitationMarker().Replace(raw, "").Trim();
            sentence = SpaceBeforePunctuation().Replace(sentence, "$1");
            if (valid.Count == 0 || valid.Count != numbers.Distinct().Count() || sentence.Length == 0) continue;
            // Supported word for word by a planted article is still not an answer.
            if (PlantedInstruction.IsLike(sentence)) continue;
            if (!IsSupported(sentence, valid.Select(n => passages[n - 1].Passage.Title + " " + passages[n - 1].Passage.Text))) continue;
            kept.Add(new ComposedSentence(sentence, valid));
        }
        return partial.Success && kept.Count > 0
            ? new Composition(kept, backend) { Coverage = AnswerCoverage.Partial, Missing = missing ?? "what you asked" }
            : new Composition(kept, backend);
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
        if (!Figure().Matches(sentence).All(m => sources.Contains(m.Value, StringComparison.Ordinal))) return false;
        // So are names and dates: every capitalised word (the first too, unless it is a function word such as "The"),
        // and every month or day, must be in them.
        var sourceWords = new HashSet<string>(TextAnalyzer.Words(sources).SelectMany(Pieces), StringComparer.Ordinal);
        return NameOrDate().Matches(sentence)
            .Where(m => m.Index > 0 || !TextAnalyzer.IsStopWord(m.Value.ToLowerInvariant()))
            .SelectMany(m => Pieces(m.Value.ToLowerInvariant()))
            .All(sourceWords.Contains);
    }

    // "MediaServices'" and "MP3Sparks.com" are checked by their stems of letters and digits.
    private static IEnumerable<string> Pieces(string word) =>
        word.Split(['\'', '’', '.', '-'], StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length > 1 && p != "s");

    [GeneratedRegex(@"^\s*PARTIAL\s*:?\s*(?<said>.*?)(\s*NOT STATED\s*:?\s*(?<missing>.*))?$", RegexOptions.Singleline)]
    private static partial Regex PartialReply();

    [GeneratedRegex(@"\s*\[(?<n>\d+(\s*,\s*\d+)*)\]")]
    private static partial Regex CitationMarker();

    [GeneratedRegex(@"\s+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex Figure();

    [GeneratedRegex(@"\b[A-Z][\w'’.-]*[\w]")]
    private static partial Regex NameOrDate();
}
