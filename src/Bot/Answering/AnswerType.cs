using System.Text.RegularExpressions;

namespace Newsdesk.Answering;

/// <summary>What kind of answer a question asks for, when its wording says so: a quantity ("how much", "how many")
/// or a time ("when", "what year"). A sentence that contains that kind of thing is a better answer than one that
/// merely shares the question's words.</summary>
public static partial class AnswerType
{
    public enum Kind { Any, Quantity, Time }

    public static Kind Of(string question) =>
        QuantityQuestion().IsMatch(question) ? Kind.Quantity
        : TimeQuestion().IsMatch(question) ? Kind.Time
        : Kind.Any;

    public static bool IsSatisfiedBy(Kind kind, string sentence) => kind switch
    {
        Kind.Quantity => Quantity().IsMatch(sentence),
        Kind.Time => Time().IsMatch(sentence),
        _ => true,
    };

    [GeneratedRegex(@"\b(how (much|many|big|large|long)|what (price|percentage|share)|cost|price)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuantityQuestion();

    [GeneratedRegex(@"\b(when|what (year|date|day|month)|how long ago)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TimeQuestion();

    [GeneratedRegex(@"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|billion|half|quarter|third)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Quantity();

    [GeneratedRegex(@"\b(1[89]\d\d|20\d\d|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|last (week|month|year)|this (week|month|year)|next (week|month|year))\b")]
    private static partial Regex Time();
}
