using System.Text.RegularExpressions;
using Newsdesk.Text;

namespace Newsdesk.Answering;

/// <summary>Whether a sentence names the asked entity in the role the question asks about, or in the opposite one.
/// "Who owns Regiontorg?" asks for the owner; "MP3Sparks.com, which says it is owned by a firm called Regiontorg"
/// makes Regiontorg the owner, so the other name in it (MP3Sparks) is what Regiontorg owns, not who owns it. The test
/// is grammatical: the asked verb in the passive, with the asked entity after its "by".</summary>
public static partial class AgentRole
{
    /// <summary>The stem of the verb in "who &lt;verb&gt; …" ("who owns regiontorg" → "own"); null for other questions.</summary>
    public static string? AskedVerb(string lowerQuestion)
    {
        var match = WhoVerb().Match(lowerQuestion);
        return match.Success ? TextAnalyzer.Stem(match.Groups["verb"].Value) : null;
    }

    /// <summary>True when <paramref name="sentence"/> holds the asked verb in the passive with one of the question's
    /// names a few words after its "by": the asked entity is the agent there, not the one acted on.</summary>
    public static bool IsReversed(string sentence, string? verb, IReadOnlyList<string> names)
    {
        if (verb is null || names.Count == 0) return false;
        var words = TextAnalyzer.Words(sentence).ToList();
        var nameTerms = names.Select(TextAnalyzer.TermSet).Where(t => t.Count > 0).ToList();
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i + 1] != "by" || TextAnalyzer.Stem(words[i]) != verb) continue;
            var after = words.Skip(i + 2).Take(5).Select(TextAnalyzer.Stem).ToHashSet(StringComparer.Ordinal);
            if (nameTerms.Any(name => name.All(after.Contains))) return true;
        }
        return false;
    }

    [GeneratedRegex(@"\bwho\s+(?!(is|was|are|were|did|does|do|has|have|had|will|would|can|could|may|might|should|else|exactly|actually|really)\b)(?<verb>[a-z]{3,})\b")]
    private static partial Regex WhoVerb();
}
