using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Beat;
using Newsdesk.Chat;
using Newsdesk.Corpus;
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
    ThreadAnswers threadAnswers,
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
        var (answer, said) = await AnswerAvoidingAsync(question, avoidsGiven: true, cancellationToken);
        await threadAnswers.RememberAsync(question, said, cancellationToken);
        return answer;
    }

    /// <summary>The sentences the turn a follow-up came after was answered with. A turn whose answer is not on record
    /// (asked with no thread in another process, kept past its age, or a store that could not be read or written) is
    /// composed again as it would have been, without looking further back: each look back would compose one more turn.</summary>
    private async Task<IReadOnlySet<string>> GivenBeforeAsync(Question previous, CancellationToken cancellationToken)
    {
        if (await threadAnswers.RecallAsync(previous, cancellationToken) is { } known) return known;
        var (_, said) = await AnswerAvoidingAsync(previous, avoidsGiven: false, cancellationToken);
        await threadAnswers.RememberAsync(previous, said, cancellationToken);
        return said.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The answer, and the sentences it said; where <paramref name="avoidsGiven"/>, a follow-up avoids the
    /// sentences its thread's previous turn was answered with.</summary>
    private async Task<(Answer Answer, IReadOnlyList<string> Said)> AnswerAvoidingAsync(Question question, bool avoidsGiven, CancellationToken cancellationToken)
    {
        // A follow-up ("how much do they charge?") is searched with the thread's earlier turns and the story they
        // were answered from.
        var retrieval = await retriever.RetrieveAsync(question, cancellationToken);
        logger.LogDebug("Coverage evidence {Evidence}: {Decision}", retrieval.Evidence, retrieval.IsCovered ? "covered" : "not covered");
        var standing = AnswerDecision.StandingOf(retrieval);
        if (standing == TopicStanding.NotCovered)
            return (AnswerAssembler.Decline(question, OnBeat(beat, index.Current, retrieval.Passages), BackendLabel, fallbackReason: null), []);

        var passages = retrieval.Passages;
        // The statistics travel with the passages, so a reload in between cannot mix two snapshots.
        var analysis = QuestionAnalyzer.Analyze(question.Text, question.EarlierTurns, retrieval.Statistics, passages);
        string? fallbackReason = null;
        Composition? composition = null;
        if (options.Value.UsesLanguageModel)
        {
            (composition, fallbackReason) = await TryModelAsync(question, passages, cancellationToken);
            // The model is held to the offline rule: an order, a right or a plan is not the asked outcome; and where the
            // topic is uncertain only an answer stands.
            if (composition is not null) composition = AnswerDecision.HoldToStanding(standing, OutcomeStatement.HoldToOutcome(composition, analysis));
        }
        composition ??= await ComposeOfflineAsync(question, analysis, passages, retrieval.Statistics, standing == TopicStanding.Uncertain, avoidsGiven, cancellationToken);
        var dates = analysis.Kind == AnswerKind.Date && composition is { Coverage: AnswerCoverage.Answered, Sentences.Count: > 0 }
            ? await publicationDates.CurrentAsync(cancellationToken)
            : null;
        return Reply(question, analysis, composition, passages, dates, OnBeat(beat, index.Current, passages), fallbackReason);
    }

    /// <summary>The answer users see for a decided composition, and the sentences it said: a "when" answer dated relative
    /// to its article gets a note of the date meant (<paramref name="dates"/>: each document's publication date, needed
    /// only then); an empty composition is a decline naming the nearby stories on the beat (<paramref name="onBeat"/>).
    /// The decision replay of the train and decide verbs ends here too.</summary>
    public static (Answer Answer, IReadOnlyList<string> Said) Reply(Question question, QuestionAnalysis analysis, Composition composition,
        IReadOnlyList<RetrievedPassage> passages, IReadOnlyDictionary<long, PublicationDate>? dates, IReadOnlyList<RetrievedPassage> onBeat, string? fallbackReason)
    {
        if (dates is not null && analysis.Kind == AnswerKind.Date && composition is { Coverage: AnswerCoverage.Answered, Sentences.Count: > 0 })
            composition = composition with { DateNote = RelativeDateNote.For(composition.Sentences, n => n >= 1 && n <= passages.Count ? dates.GetValueOrDefault(passages[n - 1].Passage.DocumentId) : null) };
        return composition.Sentences.Count == 0
            ? (AnswerAssembler.Decline(question, onBeat, composition.Backend, fallbackReason), [])
            : (AnswerAssembler.Assemble(question, composition, passages, fallbackReason), composition.Sentences.Select(s => s.Text).ToList());
    }

    /// <summary>A follow-up is answered by a sentence its thread has not been given yet where one answers it
    /// (<see cref="AnswerDecision.AvoidingGivenAsync"/>).</summary>
    private async Task<Composition> ComposeOfflineAsync(Question question, QuestionAnalysis analysis, IReadOnlyList<RetrievedPassage> passages,
        TermStatistics statistics, bool isTopicUncertain, bool avoidsGiven, CancellationToken cancellationToken)
    {
        var composed = await composers.AnswerOfflineAsync(analysis, passages, statistics,
            focus.Score(question, analysis, passages, cancellationToken), isTopicUncertain, cancellationToken);
        // Looked up (or, where this process did not answer the previous turn, composed again) only for an answer.
        if (!avoidsGiven || question.EarlierTurns.Count == 0 || composed.Coverage != AnswerCoverage.Answered) return composed;
        var given = await GivenBeforeAsync(ThreadAnswers.PreviousTurn(question), cancellationToken);
        var previousKind = QuestionAnalyzer.Analyze(question.EarlierTurns[^1], [], statistics).Kind;
        return await AnswerDecision.AvoidingGivenAsync(composed, given, previousKind, analysis.Kind, passages,
            fresh => composers.AnswerOfflineAsync(analysis, fresh, statistics, focus.Score(question, analysis, fresh, cancellationToken), isTopicUncertain, cancellationToken));
    }

    /// <summary>A decline names only nearby stories on the beat: a film or football story is not "news I follow".</summary>
    public static List<RetrievedPassage> OnBeat(BeatJudge beat, PassageIndex snapshot, IReadOnlyList<RetrievedPassage> nearby) =>
        nearby.Where(p => beat.IsOnBeat(snapshot, p.Passage.Source)).ToList();

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
