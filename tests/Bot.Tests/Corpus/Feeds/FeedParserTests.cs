using Newsdesk.Corpus.Feeds;
using Newsdesk.Tests.Fakes.Feeds;

namespace Newsdesk.Tests.Corpus.Feeds;

/// <summary>The parser over feed files of the kinds found in the wild (Fakes/Feeds/Samples).</summary>
public sealed class FeedParserTests
{
    private static readonly Uri SamplesBase = new("http://feeds.test/samples/");

    private static ParsedFeed Parse(string name) =>
        FeedParser.Parse(File.ReadAllBytes(Path.Combine(FakeFeedServer.SamplesFolder, name)), new Uri(SamplesBase, name));

    [Fact]
    public void OneUnreadableDateSkipsThatItemOnlyAndNamedZonesAreRead()
    {
        var feed = Parse("rss20-fulltext.xml");

        Assert.Equal(1, feed.Skipped);
        Assert.Equal(["label-news-1", "label-news-2", "label-news-4"], feed.Items.Select(i => i.Id));
        Assert.Equal(new DateTimeOffset(2003, 6, 10, 3, 0, 0, TimeSpan.Zero), feed.Items[0].PublishedAt);
        Assert.Equal(new DateTimeOffset(2003, 6, 10, 7, 30, 0, TimeSpan.Zero), feed.Items[1].PublishedAt);
        Assert.Equal(new DateTimeOffset(2003, 6, 4, 20, 5, 0, TimeSpan.Zero), feed.Items[2].PublishedAt);
    }

    [Fact]
    public void TheFullTextIsPreferredToTheTeaserAndRelativeLinksResolveAgainstTheChannel()
    {
        var feed = Parse("rss20-fulltext.xml");

        Assert.Contains("landmark royalty case", feed.Items[0].Content, StringComparison.Ordinal);
        Assert.DoesNotContain("Teaser", feed.Items[0].Content, StringComparison.Ordinal);
        Assert.Equal(new Uri("http://feeds.test/samples/pages/royalty.html"), feed.Items[0].Link);
        Assert.Equal(new Uri("http://feeds.test/samples/pages/chart.html"), feed.Items[1].Link);
        Assert.Equal(new Uri("https://other.example/piracy.html"), feed.Items[2].Link);
    }

    [Fact]
    public void Rss091InLatin1WithoutGuidsIsReadByItsLinks()
    {
        var feed = Parse("rss091-latin1.xml");

        Assert.Equal(0, feed.Skipped);
        Assert.Equal(["Björk signs with new label", "Café del Mar compilation tops chart"], feed.Items.Select(i => i.Title));
        Assert.Equal("http://music.example/2003/bjork.html", feed.Items[0].Id);
        Assert.Null(feed.Items[0].PublishedAt);
    }

    [Fact]
    public void RdfItemsAreReadWithTheirDublinCoreDates()
    {
        var feed = Parse("rss10-rdf.xml");

        Assert.Equal(["Songwriters demand a bigger share", "Vinyl sales rise again"], feed.Items.Select(i => i.Title));
        Assert.Equal("http://rdf.example/a", feed.Items[0].Id);
        Assert.Equal(new Uri("http://rdf.example/b"), feed.Items[1].Link);
        Assert.Equal(new DateTimeOffset(2004, 3, 1, 9, 0, 0, TimeSpan.Zero), feed.Items[0].PublishedAt);
        Assert.Equal(new DateTimeOffset(2004, 3, 2, 0, 0, 0, TimeSpan.Zero), feed.Items[1].PublishedAt);
    }

    [Fact]
    public void AtomContentXmlBaseAndXhtmlAreReadAndTheEnclosureIsNotTheArticle()
    {
        var feed = Parse("atom-xmlbase.xml");

        Assert.Equal(2, feed.Items.Count);
        Assert.Equal("Streaming &amp; the majors".Replace("&amp;", "&", StringComparison.Ordinal), feed.Items[0].Title);
        Assert.Equal(new Uri("http://feeds.test/samples/pages/streaming.html"), feed.Items[0].Link);
        Assert.Contains("new streaming terms", feed.Items[0].Content, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://elsewhere.example/news/festival.html"), feed.Items[1].Link);
        Assert.Contains("The festival announced its line-up", feed.Items[1].Content, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2005, 7, 1, 1, 0, 0, TimeSpan.Zero), feed.Items[1].PublishedAt);
    }

    [Fact]
    public void PodcastEpisodesAreStoredFromTheirTextAndNeverLinkToTheirAudio()
    {
        var feed = Parse("podcast.xml");

        Assert.Equal(2, feed.Items.Count);
        Assert.Null(feed.Items[0].Link);
        Assert.Contains("ticket prices", feed.Items[0].Content, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://podcast.example/episodes/11"), feed.Items[1].Link);
    }

    [Theory]
    [InlineData("mixed-utf8-cp1252.xml", "Beyoncé and Motörhead share a bill", "It’s an odd pairing, café owners agree")]
    [InlineData("windows-1252.xml", "“Smart quotes” are back", "The singer’s new single — out today — costs €1.")]
    public void FeedsInOtherOrMixedEncodingsKeepTheirCharacters(string file, string title, string text)
    {
        var item = Assert.Single(Parse(file).Items);

        Assert.Equal(title, item.Title);
        Assert.Contains(text, item.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void ADocumentThatIsNoFeedIsReportedAsSuch()
    {
        var error = Assert.Throws<FeedFetchException>(() => FeedParser.Parse("<html><body>hi</body></html>"u8.ToArray()));

        Assert.Contains("not RSS, RDF or Atom", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Tue, 10 Jun 2003 04:00:00 CET", "2003-06-10T03:00:00Z")]
    [InlineData("Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z")]
    [InlineData("10 Jun 2003 04:00:00 +0100", "2003-06-10T03:00:00Z")]
    [InlineData("Tuesday, 10 June 2003 04:00:00 BST", "2003-06-10T03:00:00Z")]
    [InlineData("Tue, 1 Jun 03 4:05:06 PDT", "2003-06-01T11:05:06Z")]
    [InlineData("Sat, 27 Sept 2003 10:00:00 GMT", "2003-09-27T10:00:00Z")]
    [InlineData("2003-06-10T04:00:00.123+02:00", "2003-06-10T02:00:00.123Z")]
    [InlineData("2003-06-10T04:00:00", "2003-06-10T04:00:00Z")]
    [InlineData("2003-06-10", "2003-06-10T00:00:00Z")]
    public void DatesAreReadLeniently(string text, string expected)
    {
        Assert.True(FeedDates.TryParse(text, out var value));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("sometime last week")]
    [InlineData("32 Jun 2003 04:00:00 GMT")]
    public void DatesNoReadingAcceptsAreUnreadable(string text) => Assert.False(FeedDates.TryParse(text, out _));
}
