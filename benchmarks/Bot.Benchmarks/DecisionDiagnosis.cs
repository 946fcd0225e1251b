using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Evaluation;

namespace Newsdesk.Benchmarks;

/// <summary>The <c>decide</c> verb: asks the TUNING questions only (the test part is never retrieved) through the real
/// retrieval, follow-up search and evidence, then replays the outcome decision (coverage, gate, partial rule) with
/// the shipped model and writes, per question, the outcome and the evidence of the sentences the reply would carry
/// (<c>decision-diagnosis.tsv</c>), and the tuning table. A quick way to see which decision a change moves.</summary>
public static class DecisionDiagnosis
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var all = EvaluationSet.Load(options.Questions);
        var tuning = all.Where(q => !q.IsTest).ToList();
        var replays = new List<(bool WithBbc, EvaluationQuestion Question, bool IsCovered, CoverageEvidence Evidence, QuestionAnalysis Analysis, IReadOnlyList<AnswerCandidate> Candidates)>();
        var text = new StringBuilder("corpus\tright\tclass\tid\tkind\tcovered\tmargin\tterms\tcosine\tagree\tnamed\ttop_doc_share\toutcome\tsentence\tgate\tspan\ttied\tspan_focus\tfocus_share\tfact\ttext\n");
        foreach (var withBbc in new[] { true, false })
        {
            var database = Path.Combine(options.WorkFolder, withBbc ? "evaluation-seed-bbc.db" : "evaluation-seed.db");
            using var host = BotHost.Create(database, withBbc ? [options.Seeds, options.Bbc] : [options.Seeds], options.Settings);
            await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
            var replay = QuestionReplay.From(host.Services);
            var outcomes = new List<EvaluationOutcome>();
            foreach (var q in tuning)
            {
                var asked = new Question(q.Question, EvaluationSet.EarlierTurns(tuning, q));
                var (retrieval, analysis, gathered) = await replay.RunAsync(asked, CancellationToken.None);
                replays.Add((withBbc, q, retrieval.IsCovered, retrieval.Evidence, analysis, gathered));
                // As GroundedAnswerer decides: covered, or close enough to be answered but never marked partial.
                var candidates = retrieval.IsCovered || retrieval.MayAnswer ? gathered : [];
                var shippedThresholds = new AnswerThresholds(AnswerModel.AnswerThreshold, AnswerModel.TiedAnswerThreshold, AnswerModel.TopicThreshold, AnswerModel.SpanTieThreshold);
                var composition = OfflineAnswerComposer.Decide(analysis, candidates, AnswerModel.GateProbability,
                    retrieval.IsCovered ? shippedThresholds : shippedThresholds.ForUncertainTopic(AnswerModel.UncertainTopicAnswerThreshold),
                    AskedEntity.Near(analysis, retrieval.Passages));
                var reply = composition.Sentences.Count == 0
                    ? new Answer(q.Question, false, "declined", [], "offline", null, [])
                    : new Answer(q.Question, composition.Coverage == AnswerCoverage.Answered, string.Join(" ", composition.Sentences.Select(s => s.Text)), [], "offline", null, [])
                    {
                        Coverage = composition.Coverage,
                        Missing = composition.Missing,
                    };
                var outcome = EvaluationSet.Score(q, reply, withBbc);
                outcomes.Add(outcome);
                var facts = q.IsAnswerableWith(withBbc) && q.Facts is not null ? q.Facts.SelectMany(g => g).ToList() : [];
                var head = string.Create(CultureInfo.InvariantCulture,
                    $"{(withBbc ? "bbc" : "seed")}\t{(outcome.IsRight ? "ok" : "BAD")}\t{q.Kind}\t{q.Id}\t{analysis.Kind}\t{(retrieval.IsCovered ? "True" : retrieval.MayAnswer ? "MayAnswer" : "False")}\t{retrieval.Evidence.DenseMargin:F3}\t{retrieval.Evidence.TermCoverage:F2}\t{retrieval.Evidence.TopCosine:F3}\t{retrieval.Evidence.RankersAgree}\t{retrieval.Evidence.HoldsQuestionNames}\t{TopDocumentShare(retrieval.Passages):F2}\t{composition.Coverage}");
                var chosen = candidates.Count == 0 ? [] : OfflineAnswerComposer.Choose(candidates);
                if (chosen.Count == 0) text.Append(head).Append("\t-\n");
                for (var i = 0; i < chosen.Count; i++)
                {
                    var c = chosen[i];
                    var e = c.Evidence;
                    text.Append(head).Append(CultureInfo.InvariantCulture,
                        $"\t{i}\t{AnswerModel.GateProbability(e.Features()):F2}\t{e.AnswerSpan}\t{e.SpanTied}\t{e.SpanFocus:F2}\t{e.FocusShare:F2}\t{facts.Any(f => c.Text.Contains(f, StringComparison.OrdinalIgnoreCase))}\t{(c.Text.Length <= 120 ? c.Text : c.Text[..120])}\n");
                }
            }
            Console.WriteLine(EvaluationTable.Format(withBbc ? "seed+bbc (tuning part only)" : "seed (tuning part only)", outcomes, withBbc));
        }
        SearchBand(replays);
        var path = Path.Combine(options.WorkFolder, "decision-diagnosis.tsv");
        await File.WriteAllTextAsync(path, text.ToString());
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    /// <summary>Replays every tuning question with a band of low dense margins in which a question may be answered
    /// but never marked partial, at a gate threshold of its own; prints the tuning rates per setting.</summary>
    private static void SearchBand(List<(bool WithBbc, EvaluationQuestion Question, bool IsCovered, CoverageEvidence Evidence, QuestionAnalysis Analysis, IReadOnlyList<AnswerCandidate> Candidates)> replays)
    {
        var shipped = new RetrievalOptions();
        foreach (var low in new[] { 0.05, 0.04, 0.035, 0.03, 0.025, 0.02, 0.015, 0.01 })
        foreach (var gate in new[] { 0.55, 0.6, 0.62, 0.65, 0.7, 0.75 })
        {
            var outcomes = new Dictionary<bool, List<EvaluationOutcome>> { [true] = [], [false] = [] };
            foreach (var (withBbc, q, isCovered, evidence, analysis, candidates) in replays)
            {
                var band = !isCovered && CoverageJudge.Covers(evidence, new RetrievalOptions { MinDenseMargin = low, MinCosineWhenNamed = shipped.MinCosineWhenNamed });
                var declined = new Answer(q.Question, false, "declined", [], "offline", null, []);
                Answer reply = declined;
                if (isCovered || band)
                {
                    var thresholds = new AnswerThresholds(AnswerModel.AnswerThreshold, AnswerModel.TiedAnswerThreshold, AnswerModel.TopicThreshold, AnswerModel.SpanTieThreshold);
                    if (band) thresholds = thresholds with { Answer = Math.Max(gate, thresholds.Answer), Tied = Math.Max(gate, thresholds.Tied) };
                    var c = OfflineAnswerComposer.Decide(analysis, candidates, AnswerModel.GateProbability, thresholds);
                    if (c.Sentences.Count > 0 && (!band || c.Coverage == AnswerCoverage.Answered))
                        reply = new Answer(q.Question, c.Coverage == AnswerCoverage.Answered, string.Join(" ", c.Sentences.Select(x => x.Text)), [], "offline", null, []) { Coverage = c.Coverage, Missing = c.Missing };
                }
                outcomes[withBbc].Add(EvaluationSet.Score(q, reply, withBbc));
            }
            string Cell(bool bbc, string name) => EvaluationTable.Rate(outcomes[bbc], bbc, name, test: false) is var (r, t) ? $"{r}/{t}" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"band from {low:F3} gate {gate:F2}: seed+bbc ans {Cell(true, "answerable: answered right")} near {Cell(true, "near misses: declined or partial")} part {Cell(true, "partly covered: declined or partial")} unc {Cell(true, "uncovered: declined")} thr {Cell(true, "thread turns: right")} | seed ans {Cell(false, "answerable: answered right")} near {Cell(false, "near misses: declined or partial")} part {Cell(false, "partly covered: declined or partial")} unc {Cell(false, "uncovered: declined")} other {Cell(false, "other corpus's stories: not answered")} thr {Cell(false, "thread turns: right")}"));
        }
    }

    // The share of the retrieved passages that come from the best passage's story.
    private static double TopDocumentShare(IReadOnlyList<RetrievedPassage> passages) =>
        passages.Count == 0 ? 0 : passages.Count(p => p.Passage.DocumentId == passages[0].Passage.DocumentId) / (double)passages.Count;
}
