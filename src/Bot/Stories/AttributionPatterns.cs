using System.Text.RegularExpressions;

namespace Newsdesk.Stories;

/// <summary>The verbs of attribution and of action in news English, and the words that end one clause's reach.</summary>
public static partial class AttributionPatterns
{
    [GeneratedRegex(@"\b(?:said|says|told|tells|argued|argues|counter|counters|countered|charged|denies|denied|claimed|claims|confirmed|confirms|added|adds|warned|warns|insisted|insists|alleged|alleges|stated|states|promised|promises|vowed|vows|hopes|fears|believes|welcomed|welcomes|declined|wants|accused|accuses|maintained|maintains|wrote|reported|reports|agreed|agrees|ruled|hailed|announced|announces|admitted|admits|disputed|disputes|rejected|rejects|predicted|predicts|saying|upheld|is concerned|are concerned|was investigating|is investigating)\b")]
    public static partial Regex ClaimVerb();

    [GeneratedRegex(@"^(?:counter|counters|countered|denies|denied|disputed|disputes|rejected|rejects|insisted|insists)$")]
    public static partial Regex CounterVerb();

    [GeneratedRegex(@"\b(?:sued|sues|suing|sue|won|filed|launched|ordered|shut|signed|granted|pleaded|targeted|banned|condemned|convicted|jailed|sentenced|fined|raided|backed|worked|gained|appealed|stopped|downed|cleared|found)\b")]
    public static partial Regex ActionVerb();

    [GeneratedRegex(@"(?:,\s(?:which|who|whose)\s|\s(?:which|who)\s|\sthat\s|\bafter\s|\bwhile\s|\balthough\s|\bbut\s|\bbecause\s|\bwhereas\s|;\s|:\s|\bHowever,\s)")]
    public static partial Regex ClauseBoundary();

    [GeneratedRegex(@",\s(?:which|who|whose)\s")]
    public static partial Regex RelativePronoun();

    [GeneratedRegex(@"^(?:Although|While|If|When|As|After|Because|Despite|Since|Though|Unlike|In a statement|During)\b")]
    public static partial Regex LeadingSubordinate();

    // Between a subject and its verb: auxiliaries and adverbs ("has always argued", "said today").
    [GeneratedRegex(@"^\s*(?:(?:has|have|had|is|was|also|always|long|previously|later|now|then|repeatedly|reportedly|still|,)\s*)*$")]
    public static partial Regex SubjectVerbGap();

    // After a verb, before an inverted subject: "said Mr Skeens", "said the MPAA".
    [GeneratedRegex(@"^\s+(?:the\s+|Mr\.?\s+|Mrs\.?\s+|Ms\.?\s+|Dr\.?\s+|Prof\.?\s+)?$")]
    public static partial Regex InvertedSubjectGap();

    // Between an organisation and the person it describes: "BPI chief executive Geoff Taylor".
    [GeneratedRegex(@"^\s+(?:[a-z][\w-]*\s+){1,4}$")]
    public static partial Regex Apposition();

    [GeneratedRegex(@"\b(?:in|of|at|from|for|on|and|with|to|by|the|a|an)\b")]
    public static partial Regex Preposition();

    [GeneratedRegex(@"(?:\b\w+(?:ed|en|wn)\s+(?:[\w'’-]+\s+){0,5}?by\s+(?:the\s+)?|\b(?:sue|sued|suing|against|on behalf of)\s+(?:the\s+)?|\bpressure\s+(?:\w+\s+){0,3}on\s+(?:the\s+)?)$")]
    public static partial Regex ActedUponBefore();

    [GeneratedRegex(@"\b(?:the|same|such|its|their|these|those|his|her|any|legal|of)\s+$")]
    public static partial Regex DeterminerBefore();

    [GeneratedRegex(@"^(?:But|However|Yet)\b")]
    public static partial Regex ContraryOpening();
}
