using Newsdesk.Corpus;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Corpus;

public sealed class BoilerplateRemoverTests
{
    private static readonly string SeedText = File.ReadAllText(Path.Combine(TestPaths.Seeds, "allofmp3-shutdown-2007.txt"));

    [Fact]
    public void SeedArticleKeepsItsHeadlineAndBodyOnly()
    {
        var clean = DocumentCleaner.Clean(SeedText, ".txt");

        Assert.Equal("Russian copyright wars to continue despite AllofMP3 shutdown", clean.Title);
        Assert.StartsWith("AllofMP3.com, the UK's second most popular source", clean.Paragraphs[0]);
        Assert.EndsWith("True music fans should not support them\". ®", clean.Paragraphs[^1]);
        Assert.Equal(9, clean.Paragraphs.Count);
    }

    [Theory]
    [InlineData("Top 5 reasons to deploy VMware with Tegile")]
    [InlineData("Whitepapers")]
    [InlineData("More from The Register")]
    [InlineData("BIG FAT Lies")]
    [InlineData("Assange")]
    [InlineData("ForgeRock commissioned Forrester")]
    [InlineData("The benefits of cloud-based storage")]
    [InlineData("Remote control for virtualized desktops")]
    [InlineData("Feeds")]
    [InlineData("High Performance for All")]
    public void SeedPageFurnitureNeverReachesTheBody(string furniture)
    {
        var clean = DocumentCleaner.Clean(SeedText, ".txt");

        Assert.DoesNotContain(clean.Paragraphs, p => p.Contains(furniture, StringComparison.Ordinal));
    }

    [Fact]
    public void HtmlPageLosesNavigationTeasersAndLinkLists()
    {
        const string html = """
            <html><head><title>Label sues download site | Music Wire</title></head><body>
            <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/charts">Charts</a></nav>
            <div class="promo"><a href="/x">Win tickets to the festival of the year now</a></div>
            <article>
              <h1>Label sues download site</h1>
              <p>A major record label has filed a lawsuit against an unlicensed download site, accusing it of selling
              thousands of tracks without paying royalties to the artists who recorded them.</p>
              <p>The label said the site had ignored several warnings and continued to offer albums at a fraction of
              the price charged by licensed stores such as iTunes.</p>
              <p>A lawyer for the site said it would fight the case.</p>
            </article>
            <aside><h3>More from Music Wire</h3><ul>
              <li><a href="/a">Band announces reunion tour</a></li>
              <li><a href="/b">Streaming numbers hit record high as fans flock online to listen</a></li>
            </ul></aside>
            <div class="whitepaper"><h4>Why and how to choose the right cloud vendor</h4>
              <p>The benefits of cloud-based storage in your processes. Eliminate onsite backup.</p></div>
            <footer><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
            </body></html>
            """;

        var clean = DocumentCleaner.Clean(html, ".html");

        Assert.Equal("Label sues download site", clean.Title);
        Assert.Equal(3, clean.Paragraphs.Count);
        Assert.StartsWith("A major record label", clean.Paragraphs[0]);
        Assert.Equal("A lawyer for the site said it would fight the case.", clean.Paragraphs[2]);
    }

    [Fact]
    public void MarkdownHeadingIsTheTitleAndLinkListsAreDropped()
    {
        const string markdown = """
            [Home](/) | [Music](/music) | [Tech](/tech)

            # Court orders file-sharing network to close

            A court has ordered a popular file-sharing network to shut down after record companies argued that it
            encouraged millions of users to swap copyrighted songs without permission or payment.

            The network's owners said they would appeal against the ruling, which they described as a blow to
            innovation on the internet.

            ## Related
            - [Napster returns as a legal service](/napster)
            - [Labels target swappers](/labels)
            """;

        var clean = DocumentCleaner.Clean(markdown, ".md");

        Assert.Equal("Court orders file-sharing network to close", clean.Title);
        Assert.Equal(2, clean.Paragraphs.Count);
    }
}
