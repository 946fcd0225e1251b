using System.Globalization;
using System.Text;

namespace Newsdesk.Retrieval;

/// <summary>SQLite FTS5's <c>porter unicode61</c> tokenizer, in process: the terms the SQLite store's lexical index
/// holds, so BM25 ranked in memory over a PostgreSQL store (<see cref="LexicalIndex"/>) counts the same terms with the
/// same statistics. unicode61: a token is a run of letters, numbers and private-use characters, folded to lower case
/// with Latin diacritics removed; every other character separates. porter: Martin Porter's 1980 algorithm as SQLite's
/// fts5_tokenize.c writes it (tokens under 3 or over 64 characters pass through unstemmed), with its conditions on
/// the stem's measure. Stop words are kept, as FTS5 keeps them: they count in a passage's length and in a term's
/// passage frequency.</summary>
public static class Fts5PorterTokens
{
    private const int MaxStemmed = 64;

    /// <summary>The text's terms, in order, with repeats.</summary>
    public static IEnumerable<string> Of(string text) => Of(text, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>The text's terms, in order, with repeats; <paramref name="stems"/> remembers each token's stem, so a
    /// caller tokenising a whole corpus stems each distinct token once (a corpus has far fewer distinct tokens than
    /// tokens: building the in-process index took twice as long stemming every one).</summary>
    public static IEnumerable<string> Of(string text, Dictionary<string, string> stems)
    {
        var token = new StringBuilder();
        foreach (var rune in text.EnumerateRunes().Append(new Rune(' ')))
        {
            if (IsTokenCharacter(rune))
            {
                AppendFolded(token, rune);
                continue;
            }
            if (token.Length == 0) continue;
            var word = token.ToString();
            token.Clear();
            if (!stems.TryGetValue(word, out var stem)) stems[word] = stem = Stem(word);
            yield return stem;
        }
    }

    private static bool IsTokenCharacter(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.PrivateUse => true,
        _ => false,
    };

    private static void AppendFolded(StringBuilder token, Rune rune)
    {
        var lower = Rune.ToLowerInvariant(rune);
        if (lower.Value < 0x80)
        {
            token.Append((char)lower.Value);
            return;
        }
        // A letter with a diacritic is its base letter (é -> e), as unicode61's remove_diacritics does for Latin script.
        foreach (var c in lower.ToString().Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) token.Append(c);
    }

    /// <summary>One lower-case token's Porter stem, as FTS5's porter tokenizer gives it.</summary>
    public static string Stem(string token)
    {
        if (token.Length < 3 || token.Length > MaxStemmed) return token;
        var w = new StringBuilder(token);
        Step1A(w);
        if (Step1B(w))
        {
            if (!Step1B2(w))
            {
                var c = w[^1];
                if (w.Length > 1 && !IsVowel(c, false) && c is not ('l' or 's' or 'z') && c == w[^2]) w.Length--;
                else if (MeasureIsOne(w, w.Length) && EndsConsonantVowelConsonant(w, w.Length)) w.Append('e');
            }
        }
        if (w[^1] == 'y' && HasVowel(w, w.Length - 1)) w[^1] = 'i';
        Replace(w, Step2, MeasureAboveZero);
        Replace(w, Step3, MeasureAboveZero);
        Step4(w);
        if (w[^1] == 'e' && (MeasureAboveOne(w, w.Length - 1) || (MeasureIsOne(w, w.Length - 1) && !EndsConsonantVowelConsonant(w, w.Length - 1))))
            w.Length--;
        if (w.Length > 1 && w[^1] == 'l' && w[^2] == 'l' && MeasureAboveOne(w, w.Length - 1)) w.Length--;
        return w.ToString();
    }

    private static void Step1A(StringBuilder w)
    {
        var n = w.Length;
        if (w[n - 1] != 's') return;
        if (w[n - 2] == 'e')
            w.Length = (n > 4 && w[n - 4] == 's' && w[n - 3] == 's') || (n > 3 && w[n - 3] == 'i') ? n - 2 : n - 1;
        else if (w[n - 2] != 's')
            w.Length = n - 1;
    }

    /// <summary>"eed" → "ee" on a measured stem; "ed" and "ing" removed after a vowel: true when one of those two was.</summary>
    private static bool Step1B(StringBuilder w)
    {
        if (EndsWith(w, "eed"))
        {
            if (MeasureAboveZero(w, w.Length - 3)) w.Length -= 1;
            return false;
        }
        foreach (var suffix in (string[])["ed", "ing"])
        {
            if (!EndsWith(w, suffix)) continue;
            if (!HasVowel(w, w.Length - suffix.Length)) return false;
            w.Length -= suffix.Length;
            return true;
        }
        return false;
    }

    private static bool Step1B2(StringBuilder w)
    {
        foreach (var (suffix, replacement) in (ReadOnlySpan<(string, string)>)[("at", "ate"), ("bl", "ble"), ("iz", "ize")])
        {
            if (!EndsWith(w, suffix)) continue;
            w.Length -= suffix.Length;
            w.Append(replacement);
            return true;
        }
        return false;
    }

    // SQLite picks the rule by the second-last letter and tries its suffixes in this order; the first that matches
    // decides, even when its condition fails.
    private static readonly (string Suffix, string Replacement)[] Step2 =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("logi", "log"),
        ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"),
        ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"),
        ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3 =
    [
        ("ical", "ic"), ("ness", ""), ("icate", "ic"), ("iciti", "ic"), ("ful", ""), ("ative", ""), ("alize", "al"),
    ];

    private static readonly string[] Step4Suffixes =
        ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize"];

    private static void Replace(StringBuilder w, (string Suffix, string Replacement)[] rules, Func<StringBuilder, int, bool> condition)
    {
        if (w.Length < 3) return;
        foreach (var (suffix, replacement) in rules)
        {
            if (suffix[^2] != w[^2] || !EndsWith(w, suffix)) continue;
            if (condition(w, w.Length - suffix.Length))
            {
                w.Length -= suffix.Length;
                w.Append(replacement);
            }
            return;
        }
    }

    private static void Step4(StringBuilder w)
    {
        if (w.Length < 3) return;
        foreach (var suffix in Step4Suffixes)
        {
            if (suffix[^2] != w[^2] || !EndsWith(w, suffix)) continue;
            var stem = w.Length - suffix.Length;
            var holds = suffix == "ion" ? w[stem - 1] is 's' or 't' && MeasureAboveOne(w, stem) : MeasureAboveOne(w, stem);
            if (holds) w.Length = stem;
            return;
        }
    }

    /// <summary>Ends with the suffix and has at least one letter before it (SQLite compares only longer words).</summary>
    private static bool EndsWith(StringBuilder w, string suffix)
    {
        if (w.Length <= suffix.Length) return false;
        for (var i = 0; i < suffix.Length; i++)
            if (w[w.Length - suffix.Length + i] != suffix[i]) return false;
        return true;
    }

    private static bool IsVowel(char c, bool isYVowel) => c is 'a' or 'e' or 'i' or 'o' or 'u' || (isYVowel && c == 'y');

    /// <summary>Where the first vowel-consonant sequence of the stem's first <paramref name="length"/> letters ends
    /// (one past it), or 0 when there is none: the measure counts these.</summary>
    private static int VowelConsonantEnd(StringBuilder w, int start, int length, bool previousIsConsonant)
    {
        var isConsonant = previousIsConsonant;
        var i = start;
        for (; i < length; i++)
            if (!(isConsonant = !IsVowel(w[i], isConsonant))) break;
        for (i++; i < length; i++)
            if (isConsonant = !IsVowel(w[i], isConsonant)) return i + 1;
        return 0;
    }

    private static bool MeasureAboveZero(StringBuilder w, int length) => VowelConsonantEnd(w, 0, length, false) != 0;

    private static bool MeasureAboveOne(StringBuilder w, int length)
    {
        var first = VowelConsonantEnd(w, 0, length, false);
        return first != 0 && VowelConsonantEnd(w, first, length, true) != 0;
    }

    private static bool MeasureIsOne(StringBuilder w, int length)
    {
        var first = VowelConsonantEnd(w, 0, length, false);
        return first != 0 && VowelConsonantEnd(w, first, length, true) == 0;
    }

    /// <summary>Porter's *o: the stem ends consonant, vowel, consonant, the last not w, x or y.</summary>
    private static bool EndsConsonantVowelConsonant(StringBuilder w, int length)
    {
        if (w[length - 1] is 'w' or 'x' or 'y') return false;
        var mask = 0;
        var isConsonant = false;
        for (var i = 0; i < length; i++)
        {
            isConsonant = !IsVowel(w[i], isConsonant);
            mask = (mask << 1) + (isConsonant ? 1 : 0);
        }
        return (mask & 7) == 5;
    }

    private static bool HasVowel(StringBuilder w, int length)
    {
        for (var i = 0; i < length; i++)
            if (IsVowel(w[i], i > 0)) return true;
        return false;
    }
}
