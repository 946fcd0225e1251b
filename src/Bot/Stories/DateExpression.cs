namespace Newsdesk.Stories;

/// <summary>A date expression as written, with what it states: a year, a month, a day of the month, a weekday, or an
/// offset from the publication date ("last week": 7 days back; "last October": the October before).</summary>
public sealed record DateExpression(string Text, int Start, int? Year, int? Month, int? Day, DayOfWeek? Weekday, DateOffset? Offset, bool IsPreviousMonth);
