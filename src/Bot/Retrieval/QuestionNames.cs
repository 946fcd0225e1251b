using System.Text.RegularExpressions;
using Newsdesk.Text;

namespace Newsdesk.Retrieval;

/// <summary>The names a question types: a capitalised word after its first, or a token mixing letters and digits
/// ("mp3sparks", "allofmp3", which chat-style questions type in lower case). Named entities are the strongest lexical
/// evidence of what a question is about: one the corpus holds ties the question to its stories; one it has never seen
/// says it does not cover them.</summary>
public static partial class QuestionNames
{
    /// <summary>The names in <paramref name="text"/> that hold at least one content term.</summary>
    public static IReadOnlyList<string> In(string text) =>
        NameLike().Matches(text)
            .Where(m => m.Index > 0 && TextAnalyzer.Terms(m.Value).Any())
            .Select(m => m.Value)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>The tokens of <paramref name="text"/> typed all in lower case that are not ordinary English words
    /// (<see cref="EnglishWords"/>): chat types names in lower case ("how much does spotify charge for a song?"), and
    /// a word the dictionary does not hold is most often one.</summary>
    public static IReadOnlyList<string> Unfamiliar(string text, EnglishWords words) =>
        LowercaseToken().Matches(text)
            .Select(m => m.Value)
            .Where(t => !words.IsWord(t) && TextAnalyzer.Terms(t).Any())
            .Distinct(StringComparer.Ordinal)
            .ToList();

    // Whole tokens of lowercase letters, not the tail of a contraction or possessive ("what's", "bpi's").
    [GeneratedRegex(@"(?<![\w'’.-])[a-z]{4,}(?![\w-])")]
    private static partial Regex LowercaseToken();

    [GeneratedRegex(@"\b(?:[A-Z][\w'.-]*[a-z0-9][\w'.-]*|[a-z]+\d[\w.-]*|\d+[a-z][\w.-]*)\b")]
    private static partial Regex NameLike();
}
