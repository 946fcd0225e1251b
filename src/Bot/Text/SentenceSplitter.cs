namespace Newsdesk.Text;

/// <summary>Splits prose into sentences without breaking at abbreviations ("Mr.", "U.S."), decimals ("$0.10"),
/// domain names ("AllofMP3.com") or inside quotations that continue the sentence.</summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "inc", "ltd", "co", "corp", "vs", "etc", "no", "gen", "gov",
        "sen", "rep", "rev", "mt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m", "approx", "dept", "est", "fig", "vol",
    };

    /// <summary>The sentences of <paramref name="text"/> as (start, length) spans, so callers can quote them verbatim.</summary>
    public static IReadOnlyList<(int Start, int Length)> Spans(string text)
    {
        var spans = new List<(int, int)>();
        var start = SkipSpace(text, 0);
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c is not ('.' or '!' or '?')) continue;
            var end = i + 1;
            // Closing quotes and brackets belong to the sentence they end.
            while (end < text.Length && text[end] is '"' or '”' or '’' or '\'' or ')' or '®') end++;
            if (end < text.Length && !char.IsWhiteSpace(text[end])) continue;
            var next = SkipSpace(text, end);
            // The Register ends stories with "®" after a space: it belongs to the last sentence.
            if (next < text.Length && text[next] == '®') { end = next + 1; next = SkipSpace(text, end); }
            if (next < text.Length && !StartsSentence(text[next])) continue;
            if (c == '.' && IsAbbreviation(text, i)) continue;
            spans.Add((start, end - start));
            start = next;
            i = next - 1;
        }
        if (start < text.Length)
        {
            var tail = text[start..].TrimEnd();
            if (tail.Length > 0) spans.Add((start, tail.Length));
        }
        return spans;
    }

    public static IReadOnlyList<string> Split(string text) =>
        Spans(text).Select(s => text.Substring(s.Start, s.Length)).ToList();

    private static bool StartsSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '"' or '“' or '‘' or '\'' or '(' or '[' or '£' or '$' or '€';

    private static bool IsAbbreviation(string text, int dot)
    {
        var wordStart = dot;
        while (wordStart > 0 && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.')) wordStart--;
        var word = text[wordStart..dot];
        if (word.Length == 0) return false;
        if (Abbreviations.Contains(word)) return true;
        // Single capital initials: "J. Smith", "George W. Bush".
        return word.Length == 1 && char.IsUpper(word[0]);
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        return i;
    }
}
