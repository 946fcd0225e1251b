using System.Globalization;

namespace Newsdesk.Stories;

/// <summary>A date as precise as the text makes it: a year, a month of a year, a day, or a day and month whose year
/// is not known (the article states none and has no publication date).</summary>
public sealed record EventDate(int? Year, int? Month, int? Day)
{
    public bool HasYear => Year is not null;

    /// <summary>ISO 8601 at the precision known: yyyy, yyyy-MM, yyyy-MM-dd, or --MM-dd without a year.</summary>
    public override string ToString() => (Year, Month, Day) switch
    {
        ({ } y, { } m, { } d) => $"{y:D4}-{m:D2}-{d:D2}",
        ({ } y, { } m, null) => $"{y:D4}-{m:D2}",
        ({ } y, null, _) => y.ToString("D4", CultureInfo.InvariantCulture),
        (null, { } m, { } d) => $"--{m:D2}-{d:D2}",
        (null, { } m, null) => $"--{m:D2}",
        _ => "",
    };

    /// <summary>Sort key: earlier first, a bare year before its months.</summary>
    public int SortKey => (Year ?? 0) * 10000 + (Month ?? 0) * 100 + (Day ?? 0);
}
