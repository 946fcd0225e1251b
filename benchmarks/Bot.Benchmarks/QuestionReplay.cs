using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Retrieval;

namespace Newsdesk.Benchmarks;

/// <summary>One question through the pipeline's own steps up to the decision, as <see cref="GroundedAnswerer"/> takes
/// them: the search with its thread, the question's analysis, and every candidate sentence with its evidence. The
/// <c>train</c> and <c>decide</c> verbs both start from it, so what they fit and replay is what the bot sees.</summary>
public sealed class QuestionReplay(FollowUpRetriever retriever, FocusScorer focus)
{
    public static QuestionReplay From(IServiceProvider services) =>
        new(services.GetRequiredService<FollowUpRetriever>(), services.GetRequiredService<FocusScorer>());

    public async Task<(RetrievalResult Retrieval, QuestionAnalysis Analysis, IReadOnlyList<AnswerCandidate> Candidates)> RunAsync(
        Question asked, CancellationToken cancellationToken)
    {
        var retrieval = await retriever.RetrieveAsync(asked, cancellationToken);
        var analysis = QuestionAnalyzer.Analyze(asked.Text, asked.EarlierTurns, retrieval.Statistics);
        var similarity = focus.Score(asked, analysis, retrieval.Passages, cancellationToken);
        return (retrieval, analysis, AnswerEvidenceGatherer.Gather(analysis, retrieval.Passages, retrieval.Statistics, similarity));
    }
}
