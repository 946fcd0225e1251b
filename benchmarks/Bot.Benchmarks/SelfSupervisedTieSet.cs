using System.Security.Cryptography;
using System.Text;
using Newsdesk.Answering;
using Newsdesk.Corpus;
using Newsdesk.Text;

namespace Newsdesk.Benchmarks;

/// <summary>One pair of the self-supervised tie set: a question's focus phrase, the window around a typed span
/// (<see cref="SpanWindows"/>), and whether the window states the asked relation.</summary>
public sealed record TiePair(string Focus, string Window, AnswerKind Kind, bool IsTied, bool IsTest);

/// <summary>A self-supervised set for the span tie, made from the corpus. For a sentence with one span of a kind
/// (money, count, date, name), the relation words around the span (the window without the span, names and figures)
/// become a question's focus: "how much punt tracks for between about" asked of that window is tied. A near miss asks
/// the same window about the relation words of another sentence of the same story that also holds a span of that
/// kind but shares no relation word with it: another property of the same entity, which this sentence does not state
/// beside its span. Pairs are split into train and test by a hash of the story, so no story feeds both.</summary>
public static class SelfSupervisedTieSet
{
    // One story in this many is used: about two thousand pairs at most, quick to embed.
    private const int StoryStride = 6;
    private const int MinRelationTerms = 2;
    private const int MaxWindowsPerStoryAndKind = 3;

    private static readonly (AnswerKind Kind, string Wh)[] Kinds =
        [(AnswerKind.Money, "how much"), (AnswerKind.Count, "how many"), (AnswerKind.Date, "when"), (AnswerKind.Agent, "who")];

    public static IReadOnlyList<TiePair> Make(IReadOnlyList<StoredPassage> passages)
    {
        var pairs = new List<TiePair>();
        var stories = passages.GroupBy(p => p.DocumentId).OrderBy(g => g.Key).Where((_, i) => i % StoryStride == 0);
        foreach (var story in stories)
        {
            var isTest = Hash(story.First().Source) % 5 == 0;
            var sentences = story.OrderBy(p => p.Ordinal).SelectMany(p => SentenceSplitter.Split(p.Text)).ToList();
            foreach (var (kind, wh) in Kinds)
            {
                var held = sentences
                    .Select(s => (Sentence: s, Spans: TypedSpans.Find(kind, s)))
                    .Where(x => x.Spans.Count == 1)
                    .Select(x => (Window: SpanWindows.Around(x.Sentence, x.Spans)[0], Relation: Relation(x.Sentence, x.Spans[0])))
                    .Where(x => TextAnalyzer.Terms(x.Relation).Count() >= MinRelationTerms)
                    .DistinctBy(x => x.Window)
                    .Take(MaxWindowsPerStoryAndKind + 1)
                    .ToList();
                for (var i = 0; i < Math.Min(held.Count, MaxWindowsPerStoryAndKind); i++)
                {
                    var (window, relation) = held[i];
                    pairs.Add(new TiePair($"{wh} {relation}", window, kind, true, isTest));
                    var own = TextAnalyzer.TermSet(relation);
                    var other = held.Where((_, j) => j != i).FirstOrDefault(h => !TextAnalyzer.Terms(h.Relation).Any(own.Contains));
                    if (other.Relation is not null) pairs.Add(new TiePair($"{wh} {other.Relation}", window, kind, false, isTest));
                }
            }
        }
        return pairs;
    }

    /// <summary>The window's words without the span itself, names (capitalised words) and figures: the relation.</summary>
    public static string Relation(string sentence, (int Start, int Length) span)
    {
        var window = SpanWindows.Around(sentence, [span])[0];
        var spanText = sentence.Substring(span.Start, span.Length);
        var at = window.IndexOf(spanText, StringComparison.Ordinal);
        var without = at < 0 ? window : window[..at] + " " + window[(at + spanText.Length)..];
        var words = without.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.', ',', ';', ':', '"', '\'', '(', ')', '“', '”', '‘', '’'))
            .Where(w => w.Length > 0 && !char.IsUpper(w[0]) && !w.Any(char.IsDigit) && !w.Any(c => c is '$' or '£' or '€'));
        return string.Join(' ', words);
    }

    private static int Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text))[0];
}
