using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Answering;

/// <summary>A first ask embeds its focus phrase in one model call with the span windows, padded to the longest of
/// them; the phrase's vector must still be exactly the one a call of its own gives, or the scores (and the fitted
/// thresholds they are compared with) would move.</summary>
public sealed class FocusScorerBatchTests : SeedStoreTest
{
    [Fact]
    public async Task TheFocusPhraseBatchedWithTheWindowsScoresExactlyAsEmbeddedAlone()
    {
        var question = new Question("How much did a song cost on AllofMP3?", []);
        var retrieval = await Host.Services.GetRequiredService<FollowUpRetriever>().RetrieveAsync(question, CancellationToken.None);
        var analysis = QuestionAnalyzer.Analyze(question.Text, question.EarlierTurns, retrieval.Statistics, retrieval.Passages);

        var similarity = Host.Services.GetRequiredService<FocusScorer>().Score(question, analysis, retrieval.Passages, CancellationToken.None);

        var phrase = FocusScorer.FocusPhrase(question.Text, analysis, AnswerEvidenceGatherer.FocusTerms(analysis, retrieval.Passages));
        Assert.NotEqual(question.Text, phrase);
        Assert.Contains(similarity.SpanFocus, sentences => sentences.Any(cosine => cosine != 0));
        var alone = Host.Services.GetRequiredService<PassageEmbedder>().EmbedQuery(phrase, CancellationToken.None);
        var index = Host.Services.GetRequiredService<PassageIndexHolder>().Current;
        var expected = retrieval.Passages.Select(p => index.Sentences(p.Passage.Id, alone).Select(s => s.Cosine).ToList()).ToList();
        Assert.Equal(expected, similarity.Focus.Select(sentences => sentences.ToList()).ToList());
    }
}
