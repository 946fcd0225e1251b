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
    /// <summary>The root of the verb in "who &lt;verb&gt; …" ("who owns regiontorg" → "own"), also in the progressive
    /// and the perfect ("who's suing mick mars", "who is suing snoop dogg" → "su"; "who has signed them" → "sign");
    /// null for other questions.</summary>
    public static string? AskedVerb(string lowerQuestion)
    {
        var match = WhoVerb().Match(lowerQuestion);
        if (!match.Success) match = WhoProgressive().Match(lowerQuestion);
        if (!match.Success) match = WhoPerfect().Match(lowerQuestion);
        return match.Success ? VerbRoot(match.Groups["verb"].Value) : null;
    }

    /// <summary>A verb's root without its inflection, so that its forms meet: "suing", "sued", "sues" and "sue" → "su";
    /// "earned" → "earn"; "running" → "run". The stemmer keeps "suing" and "sued" apart (it strips no ending that
    /// would leave fewer than three letters), which a passive's participle against the question's progressive needs.</summary>
    public static string VerbRoot(string word)
    {
        var w = word.ToLowerInvariant();
        foreach (var ending in new[] { "ing", "ed", "es", "s" })
        {
            if (!w.EndsWith(ending, StringComparison.Ordinal) || w.Length - ending.Length < 2) continue;
            if (ending == "s" && w.EndsWith("ss", StringComparison.Ordinal)) break;
            w = w[..^ending.Length];
            // "running" → "runn" → "run"; "signed" keeps "sign".
            if (w.Length >= 3 && w[^1] == w[^2] && w[^1] is not ('l' or 's' or 'z')) w = w[..^1];
            break;
        }
        return w.Length > 2 && w.EndsWith('e') ? w[..^1] : w;
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
            if (words[i + 1] != "by" || VerbRoot(words[i]) != verb) continue;
            var after = words.Skip(i + 2).Take(5).Select(TextAnalyzer.Stem).ToHashSet(StringComparer.Ordinal);
            if (nameTerms.Any(name => name.All(after.Contains))) return true;
        }
        return false;
    }

    [GeneratedRegex(@"\bwho\s+(?!(is|was|are|were|did|does|do|has|have|had|will|would|can|could|may|might|should|else|exactly|actually|really)\b)(?<verb>[a-z]{3,})\b")]
    private static partial Regex WhoVerb();

    // "who's suing", "who is suing", "who were playing": the verb's -ing form after a form of "be".
    [GeneratedRegex(@"\bwho(?:'s|’s|\s+is|\s+are|\s+was|\s+were)\s+(?!being\b|going\b)(?<verb>[a-z]{2,}ing)\b")]
    private static partial Regex WhoProgressive();

    // "who's signed", "who has bought": the verb's -ed form after a form of "have".
    [GeneratedRegex(@"\bwho(?:'s|’s|\s+has|\s+have|\s+had)\s+(?<verb>[a-z]{2,}ed)\b")]
    private static partial Regex WhoPerfect();
}
