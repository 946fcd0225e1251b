using System.Text.RegularExpressions;

namespace Newsdesk.Answering;

/// <summary>Questions that ask for the title of a work ("which films did the pirate copy?", "what songs did they
/// play?") and sentences that hold one. A person's, a band's or a city's name is a name but not a title: "A major
/// distributor of pirated DVDs of Bollywood films has been sent to prison" does not say which films. A title shows
/// by its shape: a capitalised phrase in quotation marks, or a capitalised name right after the work's noun ("the
/// album Hopes and Fears", "a single called Cool").</summary>
public static partial class WorkTitles
{
    public static bool Asked(string lowerQuestion) => AskedForTitle().IsMatch(lowerQuestion) || WorkNamed().IsMatch(lowerQuestion);

    // What a work is called is its title: "what's his show called?", "whats their podcast called". ("What's the name
    // of the album …" was measured as a title question too and not kept: see docs/answering-model.md, stop 18.)
    [GeneratedRegex(@"\bwhat(s|'s|’s| is| was| are| were) ((the|a|an|his|her|their|its|[\w-]+'s) )?(\w+ ){0,2}(" + WorkNoun + "|" + ShowNoun + @") (called|named|titled)\b")]
    private static partial Regex WorkNamed();

    /// <summary>Whether <paramref name="sentence"/> holds a title other than the question's own names.</summary>
    public static bool Holds(string sentence, IReadOnlyList<string> questionNames)
    {
        var titles = Quoted().Matches(sentence).Select(m => m.Groups["title"].Value).Where(LooksLikeATitle)
            .Concat(AfterWorkNoun().Matches(sentence).Select(m => m.Groups["title"].Value));
        return titles.Any(title => !questionNames.Any(name => title.Equals(name, StringComparison.OrdinalIgnoreCase)));
    }

    // A quoted remark ("It was a great night") is not a title: a title is short and mostly capitalised.
    private static bool LooksLikeATitle(string quoted)
    {
        var words = quoted.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 8 && words.Count(w => char.IsUpper(w[0]) || char.IsDigit(w[0])) * 2 >= words.Length;
    }

    private const string WorkNoun = "films?|movies?|songs?|albums?|tracks?|singles?|books?|games?|tunes?|hits?|records?|LPs?|EPs?|debut|musicals?|plays?";

    // Broadcast works have titles too ("a daily, 40 minute podcast called The Daily Source Code").
    private const string ShowNoun = "shows?|programmes?|programs?|series|podcasts?|documentar(?:y|ies)";

    [GeneratedRegex(@"\b(which|what) (\w+ )?(" + WorkNoun + @")\b")]
    private static partial Regex AskedForTitle();

    // A quotation that opens with a capital and is short enough to be a title, not a quoted remark.
    [GeneratedRegex(@"[""“‘'](?<title>[A-Z0-9][^""”’]{0,60}?)[""”’](?!\w)")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\b(?:" + WorkNoun + "|" + ShowNoun + @"),?\s+(?:(?:called|titled|entitled|named)\s+)?(?<title>(?:[A-Z0-9][\w'&!?.-]*)(?:\s+(?:of|the|and|a|in|on|to|&)?\s*[A-Z0-9][\w'&!?.-]*)*)")]
    private static partial Regex AfterWorkNoun();
}
