using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Beat;
using Newsdesk.Chat;
using Newsdesk.Retrieval;

namespace Newsdesk.Answering;

/// <summary>The grounded-answer pipeline: retrieve, judge coverage, compose through the Kernel, keep only what the
/// sources support, and fall back to the offline composer when the language model fails or is slow.</summary>
public sealed class GroundedAnswerer(
    FollowUpRetriever retriever,
    PassageIndexHolder index,
    BeatJudge beat,
    ComposerFunctions composers,
    FocusScorer focus,
    PublicationDates publicationDates,
    IOptions<AnsweringOptions> options,
    TimeProvider time,
    ILogger<GroundedAnswerer> logger) : IQuestionAnswerer
{
    /// <summary>One activity per answer; the Kernel's own ("Microsoft.SemanticKernel*") nest inside it.</summary>
    public const string ActivitySourceName = "Newsdesk.Answering";

    /// <summary>The Kernel's own activity sources, named here because only Answering knows Semantic Kernel.</summary>
    public const string KernelActivitySources = "Microsoft.SemanticKernel*";

    public static readonly ActivitySource Activities = new(ActivitySourceName);

    public async Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken)
    {
        using var activity = Activities.StartActivity("newsdesk.answering.answer");
        var answer = await AnswerWithinActivityAsync(question, cancellationToken);
        activity?.SetTag("newsdesk.answered", answer.IsAnswered);
        activity?.SetTag("newsdesk.coverage", answer.Coverage.ToString());
        activity?.SetTag("newsdesk.backend", answer.Backend);
        activity?.SetTag("newsdesk.offline_fallback", answer.FallbackReason is not null);
        activity?.SetTag("newsdesk.citations", answer.Citations.Count);
        return answer;
    }

    private async Task<Answer> AnswerWithinActivityAsync(Question question, CancellationToken cancellationToken)
    {
        await index.WhenLoadedAsync(cancellationToken);
        // A follow-up ("how much do they charge?") is searched with the thread's earlier turns and the story they
        // were answered from.
        var retrieval = await retriever.RetrieveAsync(question, cancellationToken);
        logger.LogDebug("Coverage evidence {Evidence}: {Decision}", retrieval.Evidence, retrieval.IsCovered ? "covered" : "not covered");
        if (!retrieval.IsCovered && !retrieval.MayAnswer)
            return AnswerAssembler.Decline(question, OnBeat(retrieval.Passages), BackendLabel, fallbackReason: null);
        // Close to the stories but not clearly about them: answered when a sentence holds the asked fact, else declined.
        var isTopicUncertain = !retrieval.IsCovered;

        var passages = retrieval.Passages;
        // The statistics travel with the passages, so a reload in between cannot mix two snapshots.
        var analysis = QuestionAnalyzer.Analyze(question.Text, question.EarlierTurns, retrieval.Statistics);
        string? fallbackReason = null;
        Composition? composition = null;
        if (options.Value.UsesLanguageModel)
        {
            (composition, fallbackReason) = await TryModelAsync(question, passages, cancellationToken);
            // The model is held to the offline rule: an order, a right or a plan is not the asked outcome.
            if (composition is not null) composition = OutcomeStatement.HoldToOutcome(composition, analysis);
        }
        composition ??= await composers.AnswerOfflineAsync(analysis, passages, retrieval.Statistics,
            focus.Score(question, analysis, passages, cancellationToken), isTopicUncertain, cancellationToken);
        if (isTopicUncertain && composition.Coverage != AnswerCoverage.Answered) composition = composition with { Sentences = [] };

        if (analysis.Kind == AnswerKind.Date && composition is { Coverage: AnswerCoverage.Answered, Sentences.Count: > 0 })
        {
            var dates = await publicationDates.CurrentAsync(cancellationToken);
            composition = composition with { DateNote = RelativeDateNote.For(composition.Sentences, n => n >= 1 && n <= passages.Count ? dates.GetValueOrDefault(passages[n - 1].Passage.DocumentId) : null) };
        }
        return composition.Sentences.Count == 0
            ? AnswerAssembler.Decline(question, OnBeat(passages), composition.Backend, fallbackReason)
            : AnswerAssembler.Assemble(question, composition, passages, fallbackReason);
    }

    /// <summary>A decline names only nearby stories on the beat: a film or football story is not "news I follow".</summary>
    private List<RetrievedPassage> OnBeat(IReadOnlyList<RetrievedPassage> nearby) =>
        nearby.Where(p => beat.IsOnBeat(index.Current, p.Passage.Source)).ToList();

    private string BackendLabel => options.Value.UsesLanguageModel ? options.Value.LanguageModel.Model ?? options.Value.Backend : OfflineComposer.BackendName;

    private async Task<(Composition? Composition, string? FallbackReason)> TryModelAsync(
        Question question, IReadOnlyList<RetrievedPassage> passages, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.TimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var reply = await composers.ComposeWithModelAsync(question.Text, question.EarlierTurns, passages, linked.Token);
            // Whatever the model says, only sentences the passages support survive; "NOT COVERED" or an answer left
            // with nothing supported becomes a decline.
            return (GroundingCheck.ParseAndCheck(reply, passages, BackendLabel), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The language model did not answer within {Seconds} s; answering offline", options.Value.TimeoutSeconds);
            return (null, $"The language model did not answer within {options.Value.TimeoutSeconds} seconds, so this answer was composed offline from the sources.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The exception text can echo request details; log its type only.
            logger.LogWarning("The language model failed ({Error}); answering offline", exception.GetType().Name);
            return (null, "The language model was unavailable, so this answer was composed offline from the sources.");
        }
    }
}
