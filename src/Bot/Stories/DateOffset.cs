namespace Newsdesk.Stories;

/// <summary>How far from the publication date a relative expression points, and how precise the result is.</summary>
public sealed record DateOffset(int Days, int Months, int Years, DatePrecision Precision);
