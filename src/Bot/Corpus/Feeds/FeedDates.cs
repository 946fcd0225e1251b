using System.Globalization;
using System.Text.RegularExpressions;

namespace Newsdesk.Corpus.Feeds;

/// <summary>Dates as feeds really write them: RFC 822 with or without the weekday, two-digit years, named zones beyond
/// the few RFC 822 lists (CET, BST, AEST …), single-digit fields, ISO 8601 / RFC 3339 with or without an offset.
/// Without an offset a time is taken as UTC. What none of these readings accepts is reported as unreadable.</summary>
public static partial class FeedDates
{
    // Zones seen in feeds, as offsets from UTC. Ambiguous abbreviations (IST, CST) take their most common meaning in
    // English-language feeds: the US one for CST, India for IST.
    private static readonly Dictionary<string, string> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = "+00:00", ["UTC"] = "+00:00", ["GMT"] = "+00:00", ["Z"] = "+00:00", ["WET"] = "+00:00",
        ["BST"] = "+01:00", ["WEST"] = "+01:00", ["CET"] = "+01:00", ["MET"] = "+01:00", ["CEST"] = "+02:00",
        ["MEST"] = "+02:00", ["EET"] = "+02:00", ["EEST"] = "+03:00", ["MSK"] = "+03:00", ["IST"] = "+05:30",
        ["JST"] = "+09:00", ["KST"] = "+09:00", ["AEST"] = "+10:00", ["AEDT"] = "+11:00", ["NZST"] = "+12:00",
        ["NZDT"] = "+13:00", ["EST"] = "-05:00", ["EDT"] = "-04:00", ["CST"] = "-06:00", ["CDT"] = "-05:00",
        ["MST"] = "-07:00", ["MDT"] = "-06:00", ["PST"] = "-08:00", ["PDT"] = "-07:00", ["AKST"] = "-09:00",
        ["AKDT"] = "-08:00", ["HST"] = "-10:00",
    };

    private static readonly string[] Formats =
    [
        "d MMM yyyy H:m:s zzz", "d MMM yyyy H:m zzz", "d MMM yy H:m:s zzz", "d MMM yy H:m zzz",
        "d MMMM yyyy H:m:s zzz", "d MMMM yyyy H:m zzz", "d MMM yyyy zzz", "d MMM yyyy H:m:s", "d MMM yyyy",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd HH:mm:ss zzz",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd",
    ];

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var normalised = Normalise(text);
        return DateTimeOffset.TryParseExact(normalised, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out value)
            || DateTimeOffset.TryParse(normalised, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out value);
    }

    private static string Normalise(string text)
    {
        var s = Whitespace().Replace(text.Trim(), " ");
        s = Weekday().Replace(s, "");
        // "+0200" → "+02:00", which the zzz pattern reads.
        s = NumericZone().Replace(s, m => $"{m.Groups[1].Value}{m.Groups[2].Value}:{m.Groups[3].Value}");
        s = NamedZone().Replace(s, m => Zones.TryGetValue(m.Groups[1].Value, out var offset) ? " " + offset : m.Value);
        // Dotted months ("Sept." / "Jun.") and the four-letter "Sept".
        s = s.Replace("Sept", "Sep", StringComparison.OrdinalIgnoreCase).Replace(". ", " ", StringComparison.Ordinal);
        return s.Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^[A-Za-z]{3,9}\.?,?\s+")]
    private static partial Regex Weekday();

    [GeneratedRegex(@"(?<=\d\d:\d\d(?::\d\d(?:\.\d+)?)?\s?)([+-])(\d\d)(\d\d)$")]
    private static partial Regex NumericZone();

    [GeneratedRegex(@"\s([A-Za-z]{1,5})$")]
    private static partial Regex NamedZone();
}
