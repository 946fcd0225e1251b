using System.Text.RegularExpressions;
using Newsdesk.Retrieval;
using Newsdesk.Text;

namespace Newsdesk.Answering;

/// <summary>Definite descriptions that may stand for an entity the question names. News names someone once and then
/// describes them: "Mr Nogar, who died in 1994 … always used to make two tapes" is followed, two sentences on, by
/// "Because the family does not own the copyright …", which is the reason "why can't nogar's family sell copies" asks
/// for, though it names no Nogar. A description counts only with a head noun that fits the name: the noun the question
/// itself puts after the name's possessive ("nogar's family" → "the family"), or a noun the stories write right before
/// the name as its title ("sound engineer Thorne Nogar" → "the engineer", "Reggae star Sizzla" → "the star"). Nothing
/// here knows which nouns describe people or firms: the question and the stories say it.</summary>
public static partial class EntityDescriptions
{
    /// <summary>The head nouns that may describe the entity named <paramref name="name"/> (its words, any case).</summary>
    public static IReadOnlySet<string> Nouns(string asked, IReadOnlyList<string> name, IReadOnlyList<RetrievedPassage> passages)
    {
        var nouns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var words = name.SelectMany(TextAnalyzer.Words).Select(w => w.EndsWith("'s", StringComparison.Ordinal) ? w[..^2] : w).ToList();
        if (words.Count == 0) return nouns;
        // "nogar's family", "thomas slattery's lawyer": the question's own head noun for what it asks about.
        foreach (Match possessive in Possessive().Matches(asked))
            if (possessive.Groups["owner"].Value.Equals(words[^1], StringComparison.OrdinalIgnoreCase) && IsHeadNoun(possessive.Groups["noun"].Value))
                nouns.Add(possessive.Groups["noun"].Value);
        // "sound engineer Thorne Nogar": the lower-case word joined to the name's capitalised run is its title.
        foreach (var passage in passages)
        foreach (var (span, _) in passage.Sentences)
        {
            var sentence = passage.Passage.Text.Substring(span.Start, span.Length);
            var tokens = Token().Matches(sentence);
            for (var i = 1; i < tokens.Count; i++)
            {
                if (!char.IsUpper(tokens[i].Value[0]) || !words.Any(w => Bare(tokens[i].Value).Equals(w, StringComparison.OrdinalIgnoreCase))) continue;
                var start = i;
                while (start > 0 && char.IsUpper(tokens[start - 1].Value[0]) && Joined(sentence, tokens[start - 1], tokens[start])) start--;
                if (start > 0 && Joined(sentence, tokens[start - 1], tokens[start]) && IsHeadNoun(tokens[start - 1].Value))
                    nouns.Add(tokens[start - 1].Value);
            }
        }
        return nouns;
    }

    /// <summary>Whether <paramref name="sentence"/> holds the definite description "the" <paramref name="noun"/> ("the
    /// family", "The singer").</summary>
    public static bool Holds(string sentence, string noun) =>
        Definite().Matches(sentence).Any(m => m.Groups["noun"].Value.Equals(noun, StringComparison.OrdinalIgnoreCase));

    // A noun that can head a description: a lower-case word of three letters or more that is no function word and does
    // not read as a verb's form ("following Sizzla's arrest", "jailed Sizzla"; "said" and "by" are function words).
    private static bool IsHeadNoun(string word) =>
        word.Length >= 3 && word.All(char.IsLower) && !TextAnalyzer.IsStopWord(word)
        && !word.EndsWith("ing", StringComparison.Ordinal) && !word.EndsWith("ed", StringComparison.Ordinal);

    private static bool Joined(string sentence, Match first, Match second) =>
        Bare(first.Value) == first.Value && sentence[(first.Index + first.Length)..second.Index].All(c => c is ' ' or '\t');

    private static string Bare(string token) =>
        token.EndsWith("'s", StringComparison.Ordinal) || token.EndsWith("’s", StringComparison.Ordinal) ? token[..^2] : token.TrimEnd('\'', '’', '.', '-');

    [GeneratedRegex(@"(?<![\w'’-])(?<owner>[\p{L}\p{N}]+)['’]s\s+(?<noun>[a-z]+)\b")]
    private static partial Regex Possessive();

    [GeneratedRegex(@"(?<![\w'’-])[Tt]he\s+(?<noun>[a-z]+)\b")]
    private static partial Regex Definite();

    [GeneratedRegex(@"\p{L}[\p{L}\p{N}'’.-]*")]
    private static partial Regex Token();
}
