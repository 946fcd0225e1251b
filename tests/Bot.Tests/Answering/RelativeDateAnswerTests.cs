using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Answering;

/// <summary>A "when" answer gives the date its sentence states; one stated relative to the article ("last October")
/// is resolved against the article's publication date, and the reply says so.</summary>
public sealed class RelativeDateAnswerTests
{
    private static readonly PublicationDate June2007 = new(new DateTimeOffset(2007, 6, 14, 0, 0, 0, TimeSpan.Zero), PublicationDateReader.DateLine);

    [Fact]
    public void LastOctoberIsTheOctoberBeforeThePublicationDate() =>
        Assert.Equal("\u201cLast October\u201d means in October 2006 (the article is from June 2007).",
            RelativeDateNote.For([new ComposedSentence("US trade representatives said last October that the site was a bar to a trade deal.", [1])], _ => June2007));

    [Fact]
    public void AStatedYearOrAnUndatedArticleGetsNoNote()
    {
        Assert.Null(RelativeDateNote.For([new ComposedSentence("The site was shut down in July 2007 after diplomatic pressure.", [1])], _ => June2007));
        Assert.Null(RelativeDateNote.For([new ComposedSentence("US trade representatives said last October that the site was a bar.", [1])], _ => null));
    }

    [Fact]
    public async Task AWhenQuestionAnsweredWithLastOctoberSaysWhichOctober()
    {
        using var folder = new TemporaryFolder();
        var corpus = Directory.CreateDirectory(folder.File("corpus")).FullName;
        await File.WriteAllTextAsync(Path.Combine(corpus, "harbour-court.txt"), """
            Harbour Records wins court case against pirate site

            Published: 14 June 2007

            The Bristol label Harbour Records won its High Court case against the pirate site Tidepool last October, its lawyers said on Thursday.
            The site had offered the label's whole catalogue for download without a licence for more than two years.
            Harbour Records said it would now ask the court for damages from the site's owners in Latvia.
            """);
        using var host = await CoreHost.CreateLoadedAsync(folder.File("store.db"), [corpus]);

        var answer = await host.Services.GetRequiredService<IQuestionAnswerer>()
            .AnswerAsync(new Question("when did harbour records win its court case against tidepool?"), CancellationToken.None);

        Assert.True(answer.IsAnswered, answer.Text);
        Assert.Contains("last October", answer.Text, StringComparison.Ordinal);
        Assert.Contains("in October 2006 (the article is from June 2007)", answer.Text, StringComparison.Ordinal);
    }
}
