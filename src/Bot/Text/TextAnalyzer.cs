using System.Text;

namespace Newsdesk.Text;

/// <summary>Turns text into comparable terms: lower-case word tokens, English function words removed, light stemming.
/// Used where the bot compares a question or an answer sentence with a passage (sentence choice, the grounding check,
/// coverage evidence); the lexical ranker itself uses SQLite FTS5's own Porter tokenizer.</summary>
public static class TextAnalyzer
{
    // Function words carry no topic. This is the usual English stop list, not a list of topics to refuse.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "ever", "few", "for", "from", "further", "get", "got", "had", "has", "have",
        "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is",
        "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on",
        "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so",
        "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they",
        "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when",
        "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself",
        "yourselves", "s", "t", "don", "doesn", "didn", "isn", "wasn", "aren", "weren", "won", "hasn", "haven", "hadn",
        "may", "might", "must", "shall", "said", "says", "say", "tell", "told", "know", "want", "like", "one", "thing",
        "things", "anything", "something", "much", "many", "lot", "really", "actually", "ok", "okay", "hey", "hi",
        "please", "thanks", "yeah", "yes", "guys", "anyone", "someone", "whats", "what's", "who's", "hows", "let", "us",
        "happen", "happened", "happening", "going", "go", "went", "make", "made", "new", "news", "ve", "ll", "re", "d", "m",
    };

    /// <summary>Lower-case word tokens, keeping inner apostrophes, dots and hyphens of words like "allofmp3.com".</summary>
    public static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            var joinsWord = (c is '\'' or '’' or '.' or '-') && word.Length > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]);
            if (char.IsLetterOrDigit(c) || joinsWord)
            {
                word.Append(c == '’' ? '\'' : char.ToLowerInvariant(c));
                continue;
            }
            if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }
    }

    /// <summary>Stemmed content terms, in order, with repeats.</summary>
    public static IEnumerable<string> Terms(string text)
    {
        foreach (var word in Words(text))
        {
            foreach (var part in SplitCompound(word))
            {
                if (part.Length < 2 && !char.IsDigit(part[0])) continue;
                if (StopWords.Contains(part)) continue;
                yield return Stem(part);
            }
        }
    }

    /// <summary>Distinct stemmed content terms.</summary>
    public static HashSet<string> TermSet(string text) => new(Terms(text), StringComparer.Ordinal);

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    // "allofmp3.com" should also match "AllofMP3"; "file-sharing" should match "file sharing".
    private static IEnumerable<string> SplitCompound(string word)
    {
        var trimmed = word.EndsWith("'s", StringComparison.Ordinal) ? word[..^2] : word.TrimEnd('\'');
        if (trimmed.Length == 0) yield break;
        var dot = trimmed.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && trimmed.Length - dot <= 4 && !char.IsDigit(trimmed[dot + 1]))
        {
            yield return trimmed[..dot];
            yield break;
        }
        if (trimmed.Contains('-', StringComparison.Ordinal))
        {
            foreach (var piece in trimmed.Split('-', StringSplitOptions.RemoveEmptyEntries)) yield return piece;
            yield break;
        }
        yield return trimmed;
    }

    /// <summary>A light English stemmer (plural, -ing, -ed, -ly and a few derivational endings). It only needs to
    /// map inflections of one word together; it never has to produce a dictionary word.</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3 || char.IsDigit(word[^1])) return word;
        string w = word;
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4) w = w[..^3] + "y";
        else if (w.EndsWith("sses", StringComparison.Ordinal)) w = w[..^2];
        else if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal)) w = w[..^1];

        foreach (var suffix in new[] { "ingly", "edly", "ing", "ed", "ly", "ment", "ation", "ness", "ers", "er", "or" })
        {
            if (w.EndsWith(suffix, StringComparison.Ordinal) && w.Length - suffix.Length >= 3)
            {
                w = w[..^suffix.Length];
                // "shutting" -> "shutt" -> "shut"; "downed" -> "down"
                if (w.Length >= 3 && w[^1] == w[^2] && w[^1] is not ('l' or 's' or 'z')) w = w[..^1];
                break;
            }
        }
        if (w.EndsWith('e') && w.Length > 3) w = w[..^1];
        if (w.EndsWith('y') && w.Length > 3) w = w[..^1] + "i";
        return w;
    }
}
