using Newsdesk.Corpus;

namespace Newsdesk.Stories;

/// <summary>Turns a date expression into a date: what the text states stands; what is relative to the time of writing
/// is resolved against the publication date and says so; without a publication date it stays undated (a stated day
/// and month keep their day and month, with no year), rather than a guess.</summary>
public static class DateResolver
{
    public static (EventDate? Date, string Basis) Resolve(DateExpression expression, PublicationDate? published)
    {
        if (expression.Year is { } year) return (new EventDate(year, expression.Month, expression.Day), TimelineEvent.Stated);
        if (published is null)
        {
            var partial = expression.Month is { } m ? new EventDate(null, m, expression.Day) : null;
            return (partial, TimelineEvent.Undated);
        }
        var anchor = DateOnly.FromDateTime(published.Value.UtcDateTime);
        var basis = TimelineEvent.ResolvedFrom(published.From);
        if (expression.Month is { } month)
        {
            // A month without a year is the nearest one before the article ("last October", "in April") unless it
            // names a day still to come in the article's own year ("will be heard on 20 December").
            var inSameYear = expression.IsPreviousMonth ? month < anchor.Month : month <= anchor.Month || expression.Day is not null;
            return (new EventDate(inSameYear ? anchor.Year : anchor.Year - 1, month, expression.Day), basis);
        }
        if (expression.Weekday is { } weekday)
        {
            var back = ((int)anchor.DayOfWeek - (int)weekday + 7) % 7;
            var day = anchor.AddDays(-back);
            return (new EventDate(day.Year, day.Month, day.Day), basis);
        }
        var offset = expression.Offset ?? new DateOffset(0, 0, 0, DatePrecision.Day);
        var resolved = anchor.AddDays(offset.Days).AddMonths(offset.Months).AddYears(offset.Years);
        return offset.Precision switch
        {
            DatePrecision.Day => (new EventDate(resolved.Year, resolved.Month, resolved.Day), basis),
            DatePrecision.Month => (new EventDate(resolved.Year, resolved.Month, null), basis),
            _ => (new EventDate(resolved.Year, null, null), basis),
        };
    }
}
