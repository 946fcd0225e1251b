using System.Text.RegularExpressions;
using Newsdesk.Text;

namespace Newsdesk.Answering;

/// <summary>The spans of the asked kind that can be an answer, and whether one is tied to what was asked. The entity a
/// question names is never its own answer ("Harbour Records" does not answer "who runs Harbour Records"). A span is
/// tied when a focus term stands beside it ("worth 2.5 million pounds" for "what is the deal worth"), or when an
/// apposition joins it to the asked entity: the entity, a few lowercase words, then the span ("Harbour Records chief
/// executive Maria Okafor"), or the span, a comma, a few lowercase words, of/at/for and the entity ("Maria Okafor,
/// chief executive of Harbour Records"). These are shapes of text, not word lists for particular questions: the
/// relation words ("runs", "chief executive") themselves are never listed.</summary>
public static partial class AnswerSpans
{
    // A focus term this many characters from a span belongs to it.
    private const int NearChars = 40;
    // An apposition's descriptor ("chief executive", "managing director of") has at most this many words.
    private const int MaxDescriptorWords = 4;

    /// <summary>The spans of <paramref name="kind"/> in <paramref name="sentence"/> not made only of the question's terms.</summary>
    public static IReadOnlyList<(int Start, int Length)> Find(AnswerKind kind, string sentence, IReadOnlySet<string> questionTerms) =>
        TypedSpans.Find(kind, sentence)
            .Where(s => TextAnalyzer.Terms(sentence.Substring(s.Start, s.Length)).Any(t => !questionTerms.Contains(t)))
            .ToList();

    /// <summary>Whether one of <paramref name="spans"/> is tied to a focus term or, by apposition, to an entity term.</summary>
    public static bool IsTied(string sentence, IReadOnlyList<(int Start, int Length)> spans, IReadOnlySet<string> focusTerms, IReadOnlySet<string> entityTerms)
    {
        if (spans.Count == 0) return false;
        var words = Word().Matches(sentence).Select(m => (m.Index, m.Value, Term: TextAnalyzer.Terms(m.Value).FirstOrDefault())).ToList();
        foreach (var (start, length) in spans)
        {
            var end = start + length;
            if (words.Any(w => w.Term is { } t && focusTerms.Contains(t) && (w.Index + w.Value.Length < start ? start - (w.Index + w.Value.Length) : w.Index - end) is >= 0 and <= NearChars))
                return true;
            var first = words.FindIndex(w => w.Index >= start);
            var after = words.FindIndex(w => w.Index >= end);
            if (first > 0 && EntityThenDescriptor(sentence, words, first, start, entityTerms)) return true;
            if (after >= 0 && sentence.AsSpan(end).TrimStart().StartsWith(",") && DescriptorThenEntity(words, after, entityTerms)) return true;
        }
        return false;
    }

    // "Harbour Records chief executive Maria Okafor": going back from the span, one to four lowercase words, then the entity.
    private static bool EntityThenDescriptor(string sentence, List<(int Index, string Value, string? Term)> words, int first, int spanStart, IReadOnlySet<string> entityTerms)
    {
        for (var k = 1; k <= MaxDescriptorWords && first - k - 1 >= 0; k++)
        {
            var word = words[first - k];
            if (!IsLowercase(word.Value)) return false;
            var entity = words[first - k - 1];
            var between = sentence[(entity.Index + entity.Value.Length)..spanStart];
            if (between.IndexOfAny([',', '.', ';', ':', '(', ')']) >= 0) return false;
            if (entity.Term is { } t && entityTerms.Contains(t)) return true;
        }
        return false;
    }

    // "Maria Okafor, chief executive of Harbour Records": after the comma, lowercase words ending in of/at/for, then the entity.
    private static bool DescriptorThenEntity(List<(int Index, string Value, string? Term)> words, int after, IReadOnlySet<string> entityTerms)
    {
        for (var i = after; i < words.Count && i <= after + MaxDescriptorWords; i++)
        {
            if (!IsLowercase(words[i].Value)) return false;
            if (words[i].Value is not ("of" or "at" or "for")) continue;
            var next = i + 1 < words.Count && words[i + 1].Value == "the" ? i + 2 : i + 1;
            return next < words.Count && words[next].Term is { } t && entityTerms.Contains(t);
        }
        return false;
    }

    private static bool IsLowercase(string word) => word.All(c => !char.IsLetter(c) || char.IsLower(c));

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’-]*")]
    private static partial Regex Word();
}
