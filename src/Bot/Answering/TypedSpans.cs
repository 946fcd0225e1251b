using System.Text.RegularExpressions;

namespace Newsdesk.Answering;

/// <summary>Finds spans of each answer kind in a sentence: an amount of money, a count, a date, a name, a place, a
/// reason. These are shapes of text (currency signs, digits, month names, capitalised words after the first), not
/// lists of topics.</summary>
public static partial class TypedSpans
{
    /// <summary>Character offsets of the spans of <paramref name="kind"/> in <paramref name="sentence"/>; empty when
    /// it holds none. Kinds that any informative sentence can answer (description, yes/no) have none.</summary>
    public static IReadOnlyList<(int Start, int Length)> Find(AnswerKind kind, string sentence)
    {
        var pattern = kind switch
        {
            AnswerKind.Money => Money(),
            AnswerKind.Count => Count(),
            AnswerKind.Date => Date(),
            AnswerKind.Agent => Name(),
            AnswerKind.Place => Place(),
            AnswerKind.Reason => Reason(),
            _ => null,
        };
        if (pattern is null) return [];
        var spans = new List<(int, int)>();
        foreach (Match match in pattern.Matches(sentence))
        {
            var (index, length) = kind is AnswerKind.Agent ? NameProper(sentence, match.Index, match.Length) : (match.Index, match.Length);
            if (length == 0) continue;
            var value = sentence.Substring(index, length);
            // The first word of a sentence is capitalised whatever it is; it is a name only if a second follows.
            // So is one whose shape no ordinary word has: a capital or digit inside it ("MediaServices", "MP3Sparks").
            if (kind is AnswerKind.Agent or AnswerKind.Place && index == 0 && !value.Contains(' ', StringComparison.Ordinal)
                && !InnerCapitalOrDigit().IsMatch(value)) continue;
            if (kind is AnswerKind.Agent && NotAName().IsMatch(value)) continue;
            // A day of the month or a year is a date, not a count.
            if (kind is AnswerKind.Count && IsPartOfADate(sentence, match)) continue;
            spans.Add((index, length));
        }
        return spans;
    }

    /// <summary>The name inside a run of capitalised words, without the sentence opener or function word before it:
    /// "In April" is a month, "But Pop Idol" is "Pop Idol", "Some of Elvis Presley's" is "Elvis Presley's".</summary>
    private static (int Index, int Length) NameProper(string sentence, int index, int length)
    {
        var end = index + length;
        while (true)
        {
            var space = sentence.IndexOf(' ', index, end - index);
            if (space < 0) break;
            var first = sentence[index..space];
            if (!NotAName().IsMatch(first) && first is not ("of" or "de" or "and" or "&")) break;
            index = space + 1;
            while (index < end && sentence[index] == ' ') index++;
        }
        return (index, Math.Max(0, end - index));
    }

    private static bool IsPartOfADate(string sentence, Match match) =>
        Date().Matches(sentence).Any(d => match.Index >= d.Index - 3 && match.Index < d.Index + d.Length)
        || DayOfMonth().IsMatch(sentence[match.Index..]);

    public static bool IsTyped(AnswerKind kind) => kind is not (AnswerKind.Description or AnswerKind.YesNo);

    [GeneratedRegex(@"[£$€¥]\s?\d[\d,.]*(\s?(m|bn|k|million|billion)\b)?|\b\d[\d,.]*\s?((thousand|million|billion)\s)?(p|pence|cents?|dollars|pounds|euros|kroner|krone|yen|rupees|m|bn)\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|a hundred|hundreds of|thousands of|millions of)\s+(pounds|dollars|euros|cents|pence)\b|\bfree\b|\bfor nothing\b")]
    private static partial Regex Money();

    [GeneratedRegex(@"^\d{1,2}(st|nd|rd|th)?\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b")]
    private static partial Regex DayOfMonth();

    [GeneratedRegex(@"\b\d[\d,.]*%?|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozens?|hundreds|thousands|millions|half|quarter|third|several|double|twice)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Count();

    [GeneratedRegex(@"\b(1[89]\d\d|20\d\d|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|this (morning|week|month|year)|last (night|week|month|year|spring|summer|autumn|winter)|next (week|month|year)|earlier this (week|month|year)|(a|two|three|\d+) (days|weeks|months|years) (ago|later))\b")]
    private static partial Regex Date();

    [GeneratedRegex(@"\b(?:[A-Z][\w'&.-]*|\d+[A-Za-z][\w-]*)(?:\s+(?:of\s+|de\s+|and\s+|&\s+)?(?:[A-Z][\w'&.-]*))*")]
    private static partial Regex Name();

    [GeneratedRegex(@"\b(?:in|at|from|near|to|across|throughout)\s+(?:the\s+)?[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*")]
    private static partial Regex Place();

    // A reason is a causal link and the clause it opens, up to the next punctuation: "for swearing on stage", "because
    // the family does not own the copyright", "saying he made the decision", "to create a", "over iPod". The clause is
    // part of the span so that the span is more than the link word (the question's own words are never its answer,
    // and "because" alone is no words at all). "since" is left out: in news it dates ("since its launch", "since
    // 1995"). "for" links a reason only before a gerund ("jailed for swearing"); "saying"/"claiming" only where no
    // auxiliary makes them the main verb ("he was saying"); "to" only as a purpose after a finished phrase (a name,
    // a figure or a comma before it: "put back to 17 April to create"), not after a verb that takes it ("plans to").
    [GeneratedRegex(@"(?:\b(?:because(?: of)?|due to|owing to|thanks to|as a result(?: of)?|in an effort to|in (?:protest|response|retaliation|reaction) (?:at|to|against|over)|in order to|so as to|so that|for fear (?:of|that)|on the grounds (?:of|that)|after|following|amid|led to|leading to|prompted|blamed|caused|meant that|reasons?|over(?= (?:the|its|his|her|their|a|an) (?!(?:past|last|next|first|coming|years?|months?|weeks?|weekend|summer|winter|christmas|holidays?)\b)\w|(?-i: [A-Z]))|for(?= \w+ing\b)|(?<!\b(?:is|was|are|were|be|been|keeps?|kept) )(?:saying|claiming|alleging|arguing|complaining))\b|(?:(?<=(?-i:[A-Z0-9])[\w'.-]* )|(?<=, ))to(?-i:(?= [a-z]+\b))(?! (?:the|a|an|be|its|his|her|their|\d)\b))(?:[ ]+[^\s,;:.!?""“”()]+){0,8}", RegexOptions.IgnoreCase)]
    private static partial Regex Reason();

    [GeneratedRegex(@"^.+[A-Z0-9]")]
    private static partial Regex InnerCapitalOrDigit();

    // Capitalised words that are not names: months and days (dates), pronouns and sentence openers.
    [GeneratedRegex(@"^(January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|I|It|He|She|They|We|You|This|That|These|Those|There|But|And|The|A|An|In|On|At|If|When|While|As|So|Now|Some|Many|Most|Other|Its|His|Her|Their)$")]
    private static partial Regex NotAName();
}
