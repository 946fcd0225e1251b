namespace Newsdesk.Stories;

public enum DatePrecision
{
    Day,
    Month,
    Year,
}
