using Newsdesk.Corpus;

namespace Newsdesk.Tests.Corpus;

/// <summary>Each place a publication date comes from, and the texts that hold none.</summary>
public sealed class PublicationDateReaderTests
{
    [Fact]
    public void TheFeedItemsDateWinsAndSaysSo()
    {
        var date = PublicationDateReader.Read("Published: 1 May 2005\n\nBody.", ".txt", new DateTimeOffset(2007, 7, 2, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal(new PublicationDate(new DateTimeOffset(2007, 7, 2, 9, 0, 0, TimeSpan.Zero), PublicationDateReader.Feed), date);
    }

    [Fact]
    public void ArticlePublishedTimeMetadataIsReadFromHtml()
    {
        const string html = """<html><head><meta property="article:published_time" content="2007-07-02T10:15:00+01:00"></head><body><p>Text.</p></body></html>""";

        var date = PublicationDateReader.Read(html, ".html");

        Assert.Equal(new PublicationDate(new DateTimeOffset(2007, 7, 2, 10, 15, 0, TimeSpan.FromHours(1)), PublicationDateReader.HtmlMetadata), date);
    }

    [Fact]
    public void FrontMatterDateIsRead()
    {
        var date = PublicationDateReader.Read("---\ntitle: AllofMP3 down\ndate: 2007-07-02\n---\n\n# AllofMP3 down\n\nBody.", ".md");

        Assert.Equal(new PublicationDate(new DateTimeOffset(2007, 7, 2, 0, 0, 0, TimeSpan.Zero), PublicationDateReader.FrontMatter), date);
    }

    [Fact]
    public void ADateLineNearTheTopIsRead()
    {
        var date = PublicationDateReader.Read("AllofMP3 down\n\nPublished: Monday 2 July 2007 10:15 GMT\n\nThe site has gone.", ".txt");

        Assert.Equal(new PublicationDate(new DateTimeOffset(2007, 7, 2, 10, 15, 0, TimeSpan.Zero), PublicationDateReader.DateLine), date);
    }

    [Theory]
    [InlineData("Ad sales boost Time Warner profit\n\nQuarterly profits rose 76% in the three months to December.")]
    [InlineData("Headline\n\nThe case will be heard on 20 December 2005 in London.")]
    [InlineData("Headline\n\nOne\n\nTwo\n\nThree\n\nFour\n\nFive\n\nSix\n\n2 July 2007")]
    public void ADateInsideASentenceOrFarDownIsNoPublicationDate(string text) =>
        Assert.Null(PublicationDateReader.Read(text, ".txt"));
}
