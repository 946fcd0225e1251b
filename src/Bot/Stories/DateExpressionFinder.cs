using System.Globalization;
using System.Text.RegularExpressions;

namespace Newsdesk.Stories;

/// <summary>Finds the date expressions of a sentence: stated dates ("20 December", "December 27", "November 2001",
/// "in 2003") and expressions relative to when the article was written ("last October", "this morning", "a year ago",
/// "on Monday", "In April").</summary>
public static partial class DateExpressionFinder
{
    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    public static IReadOnlyList<DateExpression> Find(string sentence)
    {
        var found = new List<DateExpression>();
        foreach (Match match in Expression().Matches(sentence))
        {
            var g = match.Groups;
            int? Month(string group) => g[group].Success ? Array.IndexOf(Months, g[group].Value) + 1 : null;
            int? Number(string group) => g[group].Success ? int.Parse(g[group].Value, CultureInfo.InvariantCulture) : null;
            if (g["dm"].Success || g["md"].Success)
                found.Add(new(match.Value, match.Index, Number("y1") ?? Number("y2"), Month("m1") ?? Month("m2"), Number("d1") ?? Number("d2"), null, null, false));
            else if (g["my"].Success)
                found.Add(new(match.Value, match.Index, Number("y3"), Month("m3"), null, null, null, false));
            else if (g["rm"].Success)
                found.Add(new(match.Value, match.Index, null, Month("m4"), null, null, null, g["last"].Success));
            else if (g["year"].Success)
                found.Add(new(match.Value, match.Index, Number("y4"), null, null, null, null, false));
            else if (g["weekday"].Success)
                found.Add(new(match.Value, match.Index, null, null, null, Enum.Parse<DayOfWeek>(g["wd"].Value), null, false));
            else
                found.Add(new(match.Value, match.Index, null, null, null, null, OffsetOf(match.Value.ToLowerInvariant()), false));
        }
        return found;
    }

    private static DateOffset OffsetOf(string text)
    {
        if (text.Contains("ago", StringComparison.Ordinal))
        {
            var words = text.Split(' ');
            var count = words[0] switch { "a" or "one" => 1, "two" => 2, "three" => 3, "four" => 4, "five" => 5, "six" => 6, var n => int.TryParse(n, out var v) ? v : 1 };
            return words[1].TrimEnd('s') switch
            {
                "day" => new DateOffset(-count, 0, 0, DatePrecision.Day),
                "week" => new DateOffset(-7 * count, 0, 0, DatePrecision.Day),
                "month" => new DateOffset(0, -count, 0, DatePrecision.Month),
                _ => new DateOffset(0, 0, -count, DatePrecision.Month),
            };
        }
        return text switch
        {
            "yesterday" or "last night" => new DateOffset(-1, 0, 0, DatePrecision.Day),
            "tomorrow" => new DateOffset(1, 0, 0, DatePrecision.Day),
            "last week" => new DateOffset(-7, 0, 0, DatePrecision.Day),
            "next week" => new DateOffset(7, 0, 0, DatePrecision.Day),
            "last month" => new DateOffset(0, -1, 0, DatePrecision.Month),
            "next month" => new DateOffset(0, 1, 0, DatePrecision.Month),
            "this month" or "earlier this month" => new DateOffset(0, 0, 0, DatePrecision.Month),
            "last year" => new DateOffset(0, 0, -1, DatePrecision.Year),
            "next year" => new DateOffset(0, 0, 1, DatePrecision.Year),
            "this year" or "earlier this year" => new DateOffset(0, 0, 0, DatePrecision.Year),
            _ => new DateOffset(0, 0, 0, DatePrecision.Day),
        };
    }

    private const string Month = "January|February|March|April|May|June|July|August|September|October|November|December";

    [GeneratedRegex(@"(?<dm>\b(?<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?<m1>" + Month + @")\b(?:,?\s+(?<y1>(?:19|20)\d\d)\b)?)"
        + @"|(?<md>\b(?<m2>" + Month + @")\s+(?<d2>\d{1,2})(?:st|nd|rd|th)?\b(?!,\d)(?:,?\s+(?<y2>(?:19|20)\d\d)\b)?)"
        + @"|(?<my>\b(?<m3>" + Month + @")\s+(?<y3>(?:19|20)\d\d)\b)"
        + @"|(?<rm>\b(?:(?<last>[Ll]ast)|[Ii]n|[Bb]y|[Uu]ntil|[Ss]ince|[Ee]arly|[Ll]ate|[Bb]etween|[Tt]his|[Nn]ext)\s+(?<m4>" + Month + @")\b(?!,?\s+(?:(?:19|20)\d\d|\d{1,2})\b))"
        + @"|(?<year>\b(?<y4>(?:19|20)\d\d)\b(?![,.]\d))"
        + @"|(?<weekday>\b(?:[Oo]n\s+)?(?<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
        + @"|\b(?:[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|(?:[Ll]ast|[Nn]ext|[Tt]his|[Ee]arlier this)\s+(?:week|month|year|morning|night|weekend)|(?:a|one|two|three|four|five|six|\d+)\s+(?:days?|weeks?|months?|years?)\s+ago)\b")]
    private static partial Regex Expression();
}
