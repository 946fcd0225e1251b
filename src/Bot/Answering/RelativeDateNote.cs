using System.Globalization;
using Newsdesk.Corpus;
using Newsdesk.Stories;

namespace Newsdesk.Answering;

/// <summary>For a "when" answer whose sentence dates the event relative to when it was written ("last October", "on
/// Monday", "20 December" with no year), the date that means, resolved against the article's publication date and
/// saying so: "“Last October” means in October 2006 (the article is from June 2007)." A stated year needs no note;
/// an article without a publication date gets none rather than a guess.</summary>
public static class RelativeDateNote
{
    public static string? For(IReadOnlyList<ComposedSentence> sentences, Func<int, PublicationDate?> publishedOf)
    {
        foreach (var sentence in sentences)
        foreach (var passageNumber in sentence.PassageNumbers)
        {
            if (publishedOf(passageNumber) is not { } published) continue;
            foreach (var expression in DateExpressionFinder.Find(sentence.Text).Where(e => e.Year is null))
            {
                var (date, _) = DateResolver.Resolve(expression, published);
                if (date is not { Year: { } year }) continue;
                var said = char.ToUpperInvariant(expression.Text[0]) + expression.Text[1..];
                return $"\u201c{said}\u201d means {Phrase(year, date.Month, date.Day)} (the article is from {published.Value.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}).";
            }
        }
        return null;
    }

    private static string Phrase(int year, int? month, int? day)
    {
        var monthName = month is { } m ? CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(m) : null;
        return (monthName, day) switch
        {
            ({ } name, { } d) => $"on {d} {name} {year}",
            ({ } name, null) => $"in {name} {year}",
            _ => $"in {year}",
        };
    }
}
