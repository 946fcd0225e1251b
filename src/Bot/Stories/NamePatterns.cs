using System.Text.RegularExpressions;

namespace Newsdesk.Stories;

/// <summary>The shapes of party names in news English: capitalised word runs ("British Phonographic Industry",
/// "US Department of Justice"), groups named by a common noun with a modifier ("US trade representatives",
/// "Western music bodies"), and the words that refer back to a party ("the firm", "He"). Shapes, not a list of parties.</summary>
public static partial class NamePatterns
{
    [GeneratedRegex(@"(?<![\w'’])(?:[A-Z][\w'’&.-]*|\d+\s[A-Z][a-z]+)(?:\s+(?:of\s+(?:the\s+)?|de\s+|&\s+)?[A-Z][\w'’&.-]*)*")]
    public static partial Regex Name();

    [GeneratedRegex(@"(?:\b[A-Z][\w'’-]*\s+){0,2}(?:\b[a-z][\w-]*\s+)?\b(?:trade representatives|authorities|officials|bodies|bosses|studios|industry|record companies|labels|judge|government|prosecutors|police|regulators)\b(?!\s+(?:body|firm|company|organisation|organization|group|label|site|association))")]
    public static partial Regex Group();

    [GeneratedRegex(@"\b[Tt]he\s+(?:[a-z]+\s+)?(?<noun>firm|company|organisation|organization|group|label|body|site|band|retailer|chain|society|agency|association|charity|service|court)\b")]
    public static partial Regex Descriptor();

    [GeneratedRegex(@"^(?:He|She|It)\b")]
    public static partial Regex LeadingPronoun();

    // Words that open a capitalised run without being part of a name: sentence openers, determiners, titles.
    [GeneratedRegex(@"^(?:(?:The|A|An|In|On|At|But|However|And|Meanwhile|Although|While|After|As|During|Despite|Unlike|If|When|So|Now|For|By|Last|Next|This|That|These|Those|It|He|She|They|We|I|Some|Many|Most|Other|Its|His|Her|Their|Both|Even|Yet|Also|Then|Under|With|Without|Since|Until|From|To|Of|Mr|Mrs|Ms|Dr|Prof|Sir|Lord|Lady|Dame|Chief|Judge|President|Premier|Officer|Director|Senator)\.?\s+)+")]
    public static partial Regex LeadingNonName();

    [GeneratedRegex(@"\b(?:Mr|Mrs|Ms|Dr|Prof|Sir|Lord|Lady|Dame|Judge|President|Senator)\.?\s+$")]
    public static partial Regex PersonTitleBefore();

    [GeneratedRegex(@"^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|I|It|He|She|They|We|You|This|That|These|Those|There|But|And|The|A|An|In|On|At|If|When|While|As|So|Now|Some|Many|Most|Other|Its|His|Her|Their|Mr|Mrs|Ms|Dr|Prof|Sir|Chief|Judge|However|Meanwhile|Although|After|Despite|Unlike|During|Last|Next|Internet|Net|Web|Online)$")]
    public static partial Regex NotAName();

    [GeneratedRegex(@"(?:\b(?:in|at|from|across|near|throughout|outside|inside|to|into|around)\s+(?:the\s+)?)$")]
    public static partial Regex PlaceBefore();

    [GeneratedRegex(@"\b(?:of|for|with)\s+(?:the\s+)?$")]
    public static partial Regex ModifierBefore();

    [GeneratedRegex(@"\b(?:Industry|Association|Company|Records|Court|Group|Society|Rights|Music|Entertainment|Network|Department|Office|Council|Commission|Union|Corporation|Inc|Ltd|Agency|Service|Services|Institute|Foundation|Trust|Bank|Party|Club|Studios|Justice|Appeal|Chart|Charts|Media|News|Times|Post|Mail|Reg|Register|Board|Ministry|Parliament|Government|Police|FBI)\b")]
    public static partial Regex OrganisationWord();

    // "the the music industry" → "music industry": what a group's name keeps of the words before its head.
    [GeneratedRegex(@"^(?:(?:the|a|an|its|their|his|her|our|and|of|to|in|on|by|for|with|that|which|said|says|major|other|some|many|most|all|both|two|three|several|such|these|those|legitimate|independent)\s+)+")]
    public static partial Regex LeadingGroupFiller();
}
