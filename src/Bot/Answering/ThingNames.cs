using System.Text.RegularExpressions;
using Newsdesk.Text;

namespace Newsdesk.Answering;

/// <summary>Questions that ask what one thing is called ("whats the name of doherty's lawyer", "what's his solo album
/// called") and sentences that name that very thing. Such a question is answered by a name joined to the thing's noun,
/// never by another name that only stands near the question's words: "A lawyer representing Mr Doherty and Mr Wass
/// said…" names no lawyer, and "a fight in a German hotel" names no hotel. The joins are shapes of text: the noun right
/// before the name ("his album Innocent Man", "the lawyer, Howard Weitzman"), a name introduced as one ("a technology
/// called Visual Radio"), the name right before the noun ("the Savoy hotel", not "a German hotel": a name takes no
/// "a"), or an apposition after it ("Howard Weitzman, her lawyer").</summary>
public static partial class ThingNames
{
    // An apposition's descriptor before the noun ("her long-time lawyer") has at most this many words.
    private const int MaxDescriptorWords = 3;

    /// <summary>The noun whose name the question asks ("lawyer" in "whats the name of doherty's lawyer", "album" in
    /// "what's mcfadden's solo album called"); null when it asks no thing's name, or names the thing itself ("what were
    /// u2 called before…": <paramref name="questionNames"/> holds it).</summary>
    public static string? AskedNoun(string lowerQuestion, IReadOnlyList<string> questionNames)
    {
        var match = NameOf().Match(lowerQuestion);
        if (!match.Success) match = ThingCalled().Match(lowerQuestion);
        if (!match.Success) match = ThingsName().Match(lowerQuestion);
        if (!match.Success) return null;
        var noun = match.Groups["noun"].Value;
        if (noun.Any(char.IsDigit) || TextAnalyzer.IsStopWord(noun)
            || questionNames.Any(name => TextAnalyzer.Words(name).Contains(noun, StringComparer.Ordinal))) return null;
        return noun;
    }

    /// <summary>Whether <paramref name="sentence"/> holds a name joined to <paramref name="noun"/>, other than the
    /// question's own names.</summary>
    public static bool Holds(string sentence, string noun, IReadOnlyList<string> questionNames)
    {
        var nounStem = TextAnalyzer.Stem(noun);
        var words = Word().Matches(sentence).Select(m => (m.Index, m.Value, Lower: m.Value.ToLowerInvariant())).ToList();
        foreach (var (start, length) in TypedSpans.Find(AnswerKind.Agent, sentence))
        {
            var name = sentence.Substring(start, length);
            if (questionNames.Any(n => name.Equals(n, StringComparison.OrdinalIgnoreCase))) continue;
            var first = words.FindIndex(w => w.Index >= start);
            var last = words.FindLastIndex(w => w.Index < start + length);
            if (first < 0 || last < first) continue;
            var before = first > 0 ? words[first - 1] : default;
            var gapBefore = first > 0 ? sentence[(before.Index + before.Value.Length)..start] : "";
            // "his album Innocent Man", "the lawyer, Howard Weitzman", "a technology called Visual Radio".
            if (first > 0 && gapBefore.Trim() is "" or "," && (TextAnalyzer.Stem(before.Lower) == nounStem || Introduces(words, first - 1))) return true;
            // "the Savoy Hotel", "the Islington hotel"; never "a German hotel".
            var indefinite = first > 0 && gapBefore.Trim().Length == 0 && before.Lower is "a" or "an";
            if (!indefinite && last > first && TextAnalyzer.Stem(words[last].Lower) == nounStem) return true;
            if (!indefinite && last + 1 < words.Count && TextAnalyzer.Stem(words[last + 1].Lower) == nounStem
                && sentence[(start + length)..words[last + 1].Index].Trim().Length == 0) return true;
            // "Howard Weitzman, her lawyer".
            if (sentence.AsSpan(start + length).TrimStart().StartsWith(",") && Apposition(words, last + 1, nounStem)) return true;
        }
        return false;
    }

    // "called", "named", "titled", "dubbed" or "known as" right before the name.
    private static bool Introduces(List<(int Index, string Value, string Lower)> words, int at) =>
        words[at].Lower is "called" or "named" or "titled" or "entitled" or "dubbed"
        || (at > 0 && words[at].Lower == "as" && words[at - 1].Lower == "known");

    // After the name's comma: a determiner, a few lowercase words, then the noun.
    private static bool Apposition(List<(int Index, string Value, string Lower)> words, int at, string nounStem)
    {
        if (at >= words.Count || words[at].Lower is not ("the" or "a" or "an" or "his" or "her" or "their" or "its")) return false;
        for (var i = at + 1; i < words.Count && i <= at + 1 + MaxDescriptorWords; i++)
        {
            if (TextAnalyzer.Stem(words[i].Lower) == nounStem) return true;
            if (!words[i].Value.All(c => !char.IsLetter(c) || char.IsLower(c))) return false;
        }
        return false;
    }

    // The noun is the last word of the phrase after "the name of", before a relative clause or a preposition: "the
    // name of the hotel where oasis had the fight" → "hotel", "the name of the mark morrison album that got blocked" →
    // "album".
    [GeneratedRegex(@"\bthe names? of (?:[\w'’-]+\s+){0,4}?(?<noun>[a-z][\w-]*)(?=\s+(?:that|which|who|whom|whose|where|when|in|on|at|from|with|by|for|of|they|he|she|it|is|was|are|were|called)\b|\s*[?.!,]|\s*$)")]
    private static partial Regex NameOf();

    // "what's mcfadden's solo album called", "what's nokia's radio tech that adds pictures called".
    [GeneratedRegex(@"\bwhat(?:s|'s|’s| is| was| are| were) (?:[\w'’-]+\s+){0,3}?(?<noun>[a-z][\w-]*)(?:\s+(?:that|which|who)\b[^?]*?)?\s+(?:called|named|titled)\b")]
    private static partial Regex ThingCalled();

    // "what's the fan's name", "what was the lawyer's name".
    [GeneratedRegex(@"\bwhat(?:s|'s|’s| is| was) (?:the|his|her|their|its) (?:[\w-]+\s+){0,2}?(?<noun>[a-z][\w-]*)(?:'s|’s|s') name\b")]
    private static partial Regex ThingsName();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’-]*")]
    private static partial Regex Word();
}
