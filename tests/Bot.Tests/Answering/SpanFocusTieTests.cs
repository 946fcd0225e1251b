using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Answering;

/// <summary>A span whose surrounding words paraphrase the asked focus is tied to the question although no word is
/// shared: "how much did a song cost" against "All three sites punt tracks for between about $0.10 and $0.20". The
/// composer is asked directly with the retrieved passages, so this checks the tie alone; whether the retrieval's
/// coverage judge lets the question through is a separate decision, tested end to end in <see cref="ThreeOutcomesTests"/>.</summary>
public sealed class SpanFocusTieTests : SeedStoreTest
{
    private const string Question = "How much did a song cost on AllofMP3?";

    private async Task<(QuestionAnalysis Analysis, RetrievalResult Retrieval, FocusSimilarity Similarity)> MeasureAsync()
    {
        var question = new Question(Question, []);
        var retrieval = await Host.Services.GetRequiredService<FollowUpRetriever>().RetrieveAsync(question, CancellationToken.None);
        var analysis = QuestionAnalyzer.Analyze(question.Text, question.EarlierTurns, retrieval.Statistics);
        var similarity = Host.Services.GetRequiredService<FocusScorer>().Score(question, analysis, retrieval.Passages, CancellationToken.None);
        return (analysis, retrieval, similarity);
    }

    [Fact]
    public async Task APricePuntedForIsTheAnswerToWhatASongCost()
    {
        var (analysis, retrieval, similarity) = await MeasureAsync();

        var composition = OfflineAnswerComposer.Compose(analysis, retrieval.Passages, retrieval.Statistics, similarity);

        Assert.Equal(AnswerCoverage.Answered, composition.Coverage);
        Assert.Contains(composition.Sentences, s => s.Text.Contains("$0.10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheWordsAroundThePriceAreTiedToTheFocus()
    {
        var (analysis, retrieval, similarity) = await MeasureAsync();

        var candidates = AnswerEvidenceGatherer.Gather(analysis, retrieval.Passages, retrieval.Statistics, similarity);

        var priced = candidates.MaxBy(c => c.Evidence.SpanFocus)!;
        Assert.Contains("punt tracks for", priced.Text, StringComparison.Ordinal);
        Assert.True(priced.Evidence.SpanFocus >= AnswerModel.SpanTieThreshold, $"{priced.Evidence.SpanFocus:F3}");
    }
}
