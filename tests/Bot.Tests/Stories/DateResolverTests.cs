using Newsdesk.Corpus;
using Newsdesk.Stories;

namespace Newsdesk.Tests.Stories;

/// <summary>Date expressions and their resolution against a publication date, or their staying undated without one.</summary>
public sealed class DateResolverTests
{
    private static readonly PublicationDate July2007 = new(new DateTimeOffset(2007, 7, 2, 9, 0, 0, TimeSpan.Zero), PublicationDateReader.Feed);

    [Theory]
    [InlineData("US trade representatives said last October that", "last October", "2006-10")]
    [InlineData("a deal was inked in November after", "in November", "2006-11")]
    [InlineData("In April, the firm began encouraging users", "In April", "2007-04")]
    [InlineData("told The Reg this morning it was unsure", "this morning", "2007-07-02")]
    [InlineData("the site was downed by the Kremlin last week", "last week", "2007-06-25")]
    [InlineData("The case will be heard on 20 December.", "20 December", "2007-12-20")]
    [InlineData("he was stopped in his car In December 2002 by officers", "December 2002", "2002-12")]
    [InlineData("The group's track from 1992 was sampled.", "1992", "1992")]
    public void RelativeExpressionsResolveAgainstThePublicationDateAndSaySo(string sentence, string expression, string date)
    {
        var found = Assert.Single(DateExpressionFinder.Find(sentence));
        var (resolved, basis) = DateResolver.Resolve(found, July2007);

        Assert.Equal(expression, found.Text.Replace("on ", "", StringComparison.Ordinal));
        Assert.Equal(date, resolved?.ToString());
        Assert.Equal(found.Year is null ? TimelineEvent.ResolvedFrom(PublicationDateReader.Feed) : TimelineEvent.Stated, basis);
    }

    [Fact]
    public void WithoutAPublicationDateRelativeExpressionsAreUndatedAndAStatedDayKeepsItsDayWithoutAYear()
    {
        var lastWeek = Assert.Single(DateExpressionFinder.Find("the site was downed last week"));
        var heard = Assert.Single(DateExpressionFinder.Find("The case is set to be heard in the High Court on 20 December."));

        Assert.Equal((null, TimelineEvent.Undated), DateResolver.Resolve(lastWeek, null));
        var (date, basis) = DateResolver.Resolve(heard, null);
        Assert.Equal("--12-20", date?.ToString());
        Assert.Equal(TimelineEvent.Undated, basis);
    }

    [Theory]
    [InlineData("fined $250,000 (£130,000) and 1,600 schools")]
    [InlineData("The pair face jail terms of up to five years.")]
    public void AmountsAndCountsAreNoDates(string sentence) => Assert.Empty(DateExpressionFinder.Find(sentence));
}
