using Newsdesk.Stories;

namespace Newsdesk.Tests.Stories;

/// <summary>Coreference within an article and attribution of claims to their speakers.</summary>
public sealed class EntityDetectorTests
{
    [Fact]
    public void InitialsSurnamesAndDescriptorsReferToTheOnePartyTheyName()
    {
        string[] sentences =
        [
            "The British Phonographic Industry (BPI) said it would act.",
            "BPI chief executive Geoff Taylor said the sites were illegal.",
            "The industry body, which had won the right to sue, told reporters it was unsure.",
            "Taylor said today that fans should stay away.",
        ];

        var article = EntityDetector.Detect(sentences);
        var claims = AttributionFinder.Find(article).Claims;

        var bpi = Assert.Single(article.Entities, e => e.Names.Contains("BPI"));
        Assert.Contains("British Phonographic Industry", bpi.Names);
        var taylor = Assert.Single(article.Entities, e => e.Names.Contains("Geoff Taylor"));
        Assert.Contains("Taylor", taylor.Names);
        Assert.Equal([bpi.Id, taylor.Id, bpi.Id, taylor.Id], claims.Select(c => c.Entity));
    }

    [Fact]
    public void ANameInsideAQuotationOrAPlaceIsNeverTheSpeaker()
    {
        string[] sentences = ["\"Apple has turned an open standard into an artifice,\" said Mr Slattery of San Jose in the US."];

        var article = EntityDetector.Detect(sentences);
        var claim = Assert.Single(AttributionFinder.Find(article).Claims);

        Assert.Equal("Slattery", article.Entities[claim.Entity].Name);
    }

    [Fact]
    public void ACounterInARelativeClauseGoesToItsOwnSubjectAndIsContested()
    {
        string[] sentences = ["MediaServices has always argued that it pays royalties to Russian collection societies, which Western music bodies counter do not represent them."];

        var article = EntityDetector.Detect(sentences);
        var attributions = AttributionFinder.Find(article);
        var (claim, counter) = Assert.Single(ContestFinder.Find(attributions, sentences));

        Assert.Equal("MediaServices", article.Entities[claim.Entity].Name);
        Assert.Equal("Western music bodies", article.Entities[counter.Entity].Name);
        Assert.True(counter.IsCounter);
    }
}
