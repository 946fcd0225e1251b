using System.Text.RegularExpressions;

namespace Newsdesk.Answering;

/// <summary>The words around a span of the asked kind: a short window that holds the relation the span stands in
/// ("punt tracks for between about $0.10" for "$0.10"). Embedded and compared with the question's focus phrase, it
/// tells whether the span is what was asked ("cost" against "punt tracks for") where no word is shared.</summary>
public static partial class SpanWindows
{
    // Words kept on each side of a span: enough for a verb phrase ("replaced … as chief executive"), few enough that
    // the window is about the span and not the whole sentence.
    public const int WordsEachSide = 5;

    /// <summary>One window per span, in the order of <paramref name="spans"/>: the span and up to
    /// <see cref="WordsEachSide"/> words before and after it, within the sentence.</summary>
    public static IReadOnlyList<string> Around(string sentence, IReadOnlyList<(int Start, int Length)> spans)
    {
        if (spans.Count == 0) return [];
        var words = Word().Matches(sentence);
        var windows = new List<string>(spans.Count);
        foreach (var (start, length) in spans)
        {
            var end = start + length;
            var from = start;
            var to = end;
            var before = 0;
            for (var i = words.Count - 1; i >= 0 && before < WordsEachSide; i--)
                if (words[i].Index + words[i].Length <= start) { from = words[i].Index; before++; }
            var after = 0;
            for (var i = 0; i < words.Count && after < WordsEachSide; i++)
                if (words[i].Index >= end) { to = words[i].Index + words[i].Length; after++; }
            windows.Add(sentence[from..to].Trim());
        }
        return windows;
    }

    /// <summary>Every window a question of any typed kind could take from <paramref name="sentence"/>: a question
    /// takes those of its kind's spans not made only of its own terms (<see cref="AnswerSpans.Find"/>), a subset of
    /// these. Each text once.</summary>
    public static IEnumerable<string> OfEveryKind(string sentence) =>
        Enum.GetValues<AnswerKind>().Where(TypedSpans.IsTyped).SelectMany(kind => Around(sentence, TypedSpans.Find(kind, sentence))).Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"\S+")]
    private static partial Regex Word();
}
