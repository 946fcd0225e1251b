using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Evaluation;

namespace Newsdesk.Benchmarks;

/// <summary>The <c>decide</c> verb: asks the TUNING questions only (the test part is never retrieved) through the real
/// retrieval, follow-up search and evidence, then replays the pipeline's own decision (<see cref="DecisionReplay"/>)
/// with the shipped model and writes, per question, the outcome and the evidence of the sentences the reply would carry
/// (<c>decision-diagnosis.tsv</c>), and the tuning table. A quick way to see which decision a change moves.</summary>
public static class DecisionDiagnosis
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var all = EvaluationSet.Load(options.Questions);
        var tuning = all.Where(q => !q.IsTest).ToList();
        var replays = new Dictionary<bool, List<(EvaluationQuestion Question, DecisionInput Input)>>();
        var text = new StringBuilder("corpus\tright\tclass\tid\tkind\tcovered\tmargin\tterms\tcosine\tagree\tnamed\ttop_doc_share\toutcome\tsentence\tgate\tspan\ttied\tspan_focus\tfocus_share\tfact\tabout\treversed\tnames\ttext\n");
        var hosts = new List<IDisposable>();
        try
        {
            foreach (var withBbc in new[] { true, false })
            {
                var database = Path.Combine(options.WorkFolder, withBbc ? "evaluation-seed-bbc.db" : "evaluation-seed.db");
                // Kept open to the end: a replayed follow-up may measure candidates again (DecisionInput.GatherOver).
                var host = BotHost.Create(database, withBbc ? [options.Seeds, options.Bbc] : [options.Seeds], options.Settings);
                hosts.Add(host);
                await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
                var inputs = new List<(EvaluationQuestion Question, DecisionInput Input)>();
                // In the order the evaluation asks them: a thread's turns in turn order, after the questions outside threads.
                foreach (var q in tuning.OrderBy(q => q.Thread is null ? 0 : 1).ThenBy(q => q.Thread).ThenBy(q => q.Turn))
                    inputs.Add((q, await DecisionReplay.CaptureAsync(host.Services, new Question(q.Question, EvaluationSet.EarlierTurns(tuning, q)), CancellationToken.None)));
                replays[withBbc] = inputs;
                var answers = DecisionReplay.Replay(inputs.Select(x => x.Input).ToList(), ReplayModel.Shipped);
                var outcomes = inputs.Select((x, i) => EvaluationSet.Score(x.Question, answers[i], withBbc)).ToList();
                foreach (var ((q, input), outcome) in inputs.Zip(outcomes))
                    Describe(text, withBbc, q, input, outcome);
                Console.WriteLine(EvaluationTable.Format(withBbc ? "seed+bbc (tuning part only)" : "seed (tuning part only)", outcomes, withBbc));
                // The evaluation's own report shape, so its tuning rows can be compared with the real pipeline's line by line.
                await File.WriteAllTextAsync(Path.Combine(options.WorkFolder, $"decision-{(withBbc ? "seed+bbc" : "seed")}.txt"),
                    EvaluationTable.Format(withBbc ? "seed+bbc" : "seed", outcomes, withBbc) + "\n" + EvaluationTable.Details(outcomes) + "\n");
            }
            SearchBand(replays);
        }
        finally
        {
            foreach (var host in hosts) host.Dispose();
        }
        var path = Path.Combine(options.WorkFolder, "decision-diagnosis.tsv");
        await File.WriteAllTextAsync(path, text.ToString());
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    /// <summary>One row per sentence the shipped ranker chooses (one row where none): the question's coverage evidence,
    /// the reply's outcome, and each chosen sentence's gate and span evidence.</summary>
    private static void Describe(StringBuilder text, bool withBbc, EvaluationQuestion q, DecisionInput input, EvaluationOutcome outcome)
    {
        var (retrieval, analysis) = (input.Retrieval, input.Analysis);
        var standing = input.StandingUnder(null);
        var facts = q.IsAnswerableWith(withBbc) && q.Facts is not null ? q.Facts.SelectMany(g => g).ToList() : [];
        var head = string.Create(CultureInfo.InvariantCulture,
            $"{(withBbc ? "bbc" : "seed")}\t{(outcome.IsRight ? "ok" : "BAD")}\t{q.Kind}\t{q.Id}\t{analysis.Kind}\t{(standing == TopicStanding.Covered ? "True" : standing == TopicStanding.Uncertain ? "MayAnswer" : "False")}\t{retrieval.Evidence.DenseMargin:F3}\t{retrieval.Evidence.TermCoverage:F2}\t{retrieval.Evidence.TopCosine:F3}\t{retrieval.Evidence.RankersAgree}\t{retrieval.Evidence.HoldsQuestionNames}\t{TopDocumentShare(retrieval.Passages):F2}\t{outcome.Answer.Coverage}");
        var chosen = standing == TopicStanding.NotCovered || input.Candidates.Count == 0 ? [] : AnswerDecision.Choose(input.Candidates);
        if (chosen.Count == 0) text.Append(head).Append("\t-\n");
        for (var i = 0; i < chosen.Count; i++)
        {
            var c = chosen[i];
            var e = c.Evidence;
            text.Append(head).Append(CultureInfo.InvariantCulture,
                $"\t{i}\t{AnswerDecision.Shipped.Gate(e):F2}\t{e.AnswerSpan}\t{e.SpanTied}\t{e.SpanFocus:F2}\t{e.FocusShare:F2}\t{facts.Any(f => c.Text.Contains(f, StringComparison.OrdinalIgnoreCase))}\t{input.IsAboutAskedEntity(c)}\t{AgentRole.IsReversed(c.Text, analysis.AgentVerb, analysis.Names)}\t{analysis.AgentVerb}:{string.Join('|', analysis.Names)}:{string.Join('|', StoryNames.In(analysis.AskedText, analysis.Names, input.Retrieval.Passages).Select(n => string.Join(' ', n)))}\t{(c.Text.Length <= 120 ? c.Text : c.Text[..120])}\n");
        }
    }

    /// <summary>Replays every tuning question with a band of low dense margins in which a question may be answered
    /// but never marked partial (Retrieval:MinDenseMarginToAnswer), at a gate threshold of its own; prints the tuning
    /// rates per setting.</summary>
    private static void SearchBand(Dictionary<bool, List<(EvaluationQuestion Question, DecisionInput Input)>> replays)
    {
        foreach (var low in new[] { 0.05, 0.04, 0.035, 0.03, 0.025, 0.02, 0.015, 0.01 })
        foreach (var gate in new[] { 0.55, 0.6, 0.62, 0.65, 0.7, 0.75 })
        {
            var model = new ReplayModel(AnswerModel.RankWeights, AnswerDecision.Shipped with { UncertainTopicAnswer = gate }, new RetrievalOptions { MinDenseMarginToAnswer = low });
            var outcomes = replays.ToDictionary(pair => pair.Key, pair =>
            {
                var answers = DecisionReplay.Replay(pair.Value.Select(x => x.Input).ToList(), model);
                return pair.Value.Select((x, i) => EvaluationSet.Score(x.Question, answers[i], pair.Key)).ToList();
            });
            string Cell(bool bbc, string name) => EvaluationTable.Rate(outcomes[bbc], bbc, name, test: false) is var (r, t) ? $"{r}/{t}" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"band from {low:F3} gate {gate:F2}: seed+bbc ans {Cell(true, "answerable: answered right")} near {Cell(true, "near misses: declined or partial")} part {Cell(true, "partly covered: declined or partial")} unc {Cell(true, "uncovered: declined")} thr {Cell(true, "thread turns: right")} | seed ans {Cell(false, "answerable: answered right")} near {Cell(false, "near misses: declined or partial")} part {Cell(false, "partly covered: declined or partial")} unc {Cell(false, "uncovered: declined")} other {Cell(false, "other corpus's stories: not answered")} thr {Cell(false, "thread turns: right")}"));
        }
    }

    // The share of the retrieved passages that come from the best passage's story.
    private static double TopDocumentShare(IReadOnlyList<RetrievedPassage> passages) =>
        passages.Count == 0 ? 0 : passages.Count(p => p.Passage.DocumentId == passages[0].Passage.DocumentId) / (double)passages.Count;
}
