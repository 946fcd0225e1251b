using Newsdesk.Text;

namespace Newsdesk.Answering;

/// <summary>Finds the exact span of a passage that an answer relies on: from the first to the last passage sentence
/// that supports one of the answer's sentences. The result is always a verbatim substring of the passage.</summary>
public static class QuoteFinder
{
    public static string Quote(string passage, IEnumerable<string> answerSentences)
    {
        var spans = SentenceSplitter.Spans(passage);
        if (spans.Count == 0) return passage;
        var used = new List<int>();
        foreach (var sentence in answerSentences)
        {
            var terms = TextAnalyzer.TermSet(sentence);
            var best = -1;
            var bestOverlap = 0.0;
            for (var i = 0; i < spans.Count; i++)
            {
                var candidate = TextAnalyzer.TermSet(passage.Substring(spans[i].Start, spans[i].Length));
                var overlap = terms.Count == 0 ? 0 : terms.Count(candidate.Contains) / (double)terms.Count;
                if (overlap > bestOverlap) { bestOverlap = overlap; best = i; }
            }
            if (best >= 0) used.Add(best);
        }
        if (used.Count == 0) return passage;
        var first = spans[used.Min()];
        var last = spans[used.Max()];
        return passage.Substring(first.Start, last.Start + last.Length - first.Start);
    }
}
