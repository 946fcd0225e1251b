using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Answering;
using Newsdesk.Beat;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;

namespace Newsdesk.Benchmarks;

/// <summary>What the pipeline produced for one question before its outcome was decided, captured from a running host by
/// <see cref="DecisionReplay.CaptureAsync"/>: the retrieval (passages, coverage evidence and standing, statistics), the
/// question's analysis, every candidate sentence with its evidence, and what the reply needs around the decision (the
/// nearby stories on the beat a decline names, the publication dates a "when" answer's note reads).
/// <see cref="GatherOver"/> measures candidates over other passages (a follow-up composed without the sentences its
/// thread was given), with the host's own focus scorer, so the host must outlive the replay.</summary>
public sealed class DecisionInput
{
    private readonly Dictionary<string, (IReadOnlyList<AnswerCandidate>, Func<AnswerCandidate, bool>)> gathered = new(StringComparer.Ordinal);
    private readonly Func<IReadOnlyList<RetrievedPassage>, IReadOnlyList<AnswerCandidate>> gather;

    public DecisionInput(Question asked, RetrievalResult retrieval, QuestionAnalysis analysis, IReadOnlyList<RetrievedPassage> onBeat,
        IReadOnlyDictionary<long, PublicationDate> dates, bool isCoveredByEvidence, Func<IReadOnlyList<RetrievedPassage>, IReadOnlyList<AnswerCandidate>> gather)
    {
        (Asked, Retrieval, Analysis, OnBeat, Dates, this.gather) = (asked, retrieval, analysis, onBeat, dates, gather);
        // A follow-up that lands on its thread's story is covered whatever its evidence says (FollowUpRetriever).
        IsCoveredByThreadStory = retrieval.IsCovered && !isCoveredByEvidence;
        (Candidates, IsAboutAskedEntity) = GatherOver(retrieval.Passages);
    }

    public Question Asked { get; }
    public RetrievalResult Retrieval { get; }
    public QuestionAnalysis Analysis { get; }
    public IReadOnlyList<RetrievedPassage> OnBeat { get; }
    public IReadOnlyDictionary<long, PublicationDate> Dates { get; }
    public bool IsCoveredByThreadStory { get; }

    /// <summary>The candidates over the retrieved passages, scored by the shipped ranker.</summary>
    public IReadOnlyList<AnswerCandidate> Candidates { get; }

    /// <summary><see cref="AskedEntity.Near"/> over the retrieved passages.</summary>
    public Func<AnswerCandidate, bool> IsAboutAskedEntity { get; }

    /// <summary>The candidates and the asked-entity test over <paramref name="passages"/>, measured once for each set of
    /// passages (a fit asks for the same ones again and again).</summary>
    public (IReadOnlyList<AnswerCandidate> Candidates, Func<AnswerCandidate, bool> IsAbout) GatherOver(IReadOnlyList<RetrievedPassage> passages)
    {
        var key = string.Join('|', passages.Select(p => $"{p.Passage.Id}:{string.Join(',', p.Sentences.Select(s => s.Span.Start))}"));
        if (!gathered.TryGetValue(key, out var found))
            gathered[key] = found = (gather(passages), AskedEntity.Near(Analysis, passages));
        return found;
    }

    /// <summary>The topic's standing: retrieval's own, or what the evidence gives under other retrieval settings (a fit
    /// of the coverage thresholds; a follow-up covered by its thread's story stays covered, although under other
    /// settings its thread's earlier turns might have found another story or none).</summary>
    public TopicStanding StandingUnder(RetrievalOptions? settings) =>
        settings is null ? AnswerDecision.StandingOf(Retrieval)
        : IsCoveredByThreadStory ? TopicStanding.Covered : AnswerDecision.StandingOf(Retrieval.Evidence, settings);
}

/// <summary>A model to replay the decision with: the ranker's weights, the decision (gate and thresholds), and the
/// retrieval settings the topic's standing is judged under (null: retrieval's own decision).</summary>
public sealed record ReplayModel(IReadOnlyList<double> RankWeights, AnswerDecision Decision, RetrievalOptions? Coverage = null)
{
    public static ReplayModel Shipped { get; } = new(AnswerModel.RankWeights, AnswerDecision.Shipped);
}

/// <summary>Replays the offline answer from captured inputs, through the pipeline's own steps after retrieval
/// (<see cref="GroundedAnswerer"/>): a question off the stories is declined; otherwise <see cref="AnswerDecision"/>
/// decides; a follow-up answered with a sentence its thread was already given is composed again without it
/// (<see cref="AnswerDecision.AvoidingGivenAsync"/>); <see cref="GroundedAnswerer.Reply"/> makes the answer users see.
/// With <see cref="ReplayModel.Shipped"/> it gives the bot's answers (<c>DecisionReplayTests</c> checks that, question
/// by question); with other weights, what the bot would answer with them.</summary>
public static class DecisionReplay
{
    public static async Task<DecisionInput> CaptureAsync(IServiceProvider services, Question asked, CancellationToken cancellationToken)
    {
        var retrieval = await services.GetRequiredService<FollowUpRetriever>().RetrieveAsync(asked, cancellationToken);
        var analysis = QuestionAnalyzer.Analyze(asked.Text, asked.EarlierTurns, retrieval.Statistics, retrieval.Passages);
        var focus = services.GetRequiredService<FocusScorer>();
        var dates = await services.GetRequiredService<PublicationDates>().CurrentAsync(cancellationToken);
        var onBeat = GroundedAnswerer.OnBeat(services.GetRequiredService<BeatJudge>(), services.GetRequiredService<PassageIndexHolder>().Current, retrieval.Passages);
        var settings = services.GetRequiredService<IOptions<RetrievalOptions>>().Value;
        return new DecisionInput(asked, retrieval, analysis, onBeat, dates, CoverageJudge.Covers(retrieval.Evidence, settings),
            passages => AnswerEvidenceGatherer.Gather(analysis, passages, retrieval.Statistics, focus.Score(asked, analysis, passages, cancellationToken)));
    }

    /// <summary>The answers to <paramref name="inputs"/>, in their order. A thread's turns are replayed in turn order,
    /// each after the turns before it, so a follow-up sees what its previous turn was given (a previous turn that is
    /// not among the inputs counts as having been given nothing).</summary>
    public static IReadOnlyList<Answer> Replay(IReadOnlyList<DecisionInput> inputs, ReplayModel model)
    {
        var memory = new TurnMemory();
        var answers = new Answer[inputs.Count];
        foreach (var i in Enumerable.Range(0, inputs.Count).OrderBy(i => inputs[i].Asked.EarlierTurns.Count))
        {
            var (answer, said) = Replay(inputs[i], model, memory);
            memory.Remember(inputs[i].Asked, said);
            answers[i] = answer;
        }
        return answers;
    }

    private static (Answer Answer, IReadOnlyList<string> Said) Replay(DecisionInput input, ReplayModel model, TurnMemory memory)
    {
        var standing = input.StandingUnder(model.Coverage);
        if (standing == TopicStanding.NotCovered) return (AnswerAssembler.Decline(input.Asked, input.OnBeat, OfflineComposer.BackendName, fallbackReason: null), []);
        var passages = input.Retrieval.Passages;
        var composed = Decide(input, model, standing, input.Candidates, input.IsAboutAskedEntity);
        if (input.Asked.EarlierTurns.Count > 0 && composed.Coverage == AnswerCoverage.Answered)
        {
            var given = memory.Recall(ThreadAnswers.PreviousTurn(input.Asked)) ?? new HashSet<string>();
            var previousKind = QuestionAnalyzer.Analyze(input.Asked.EarlierTurns[^1], [], input.Retrieval.Statistics).Kind;
            // Every composition here is made synchronously: the task is complete when it is returned.
            composed = AnswerDecision.AvoidingGivenAsync(composed, given, previousKind, input.Analysis.Kind, passages, fresh =>
            {
                var (candidates, isAbout) = input.GatherOver(fresh);
                return Task.FromResult(Decide(input, model, standing, candidates, isAbout));
            }).GetAwaiter().GetResult();
        }
        return GroundedAnswerer.Reply(input.Asked, input.Analysis, composed, passages, input.Dates, input.OnBeat, fallbackReason: null);
    }

    private static Composition Decide(DecisionInput input, ReplayModel model, TopicStanding standing, IReadOnlyList<AnswerCandidate> candidates, Func<AnswerCandidate, bool> isAbout)
    {
        var scored = ReferenceEquals(model.RankWeights, AnswerModel.RankWeights) ? candidates
            : candidates.Select(c => c with { Score = AnswerModel.Linear(c.Evidence.Features(), model.RankWeights, 0) }).ToList();
        return model.Decision.Decide(standing, input.Analysis, scored, isAbout);
    }
}
