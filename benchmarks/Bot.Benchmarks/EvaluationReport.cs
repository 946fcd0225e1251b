using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Chat;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Evaluation;

namespace Newsdesk.Benchmarks;

/// <summary>Runs the evaluation set over seed+BBC and seed alone, printing each question's evidence and outcome, and a
/// grid of coverage thresholds: the measurement behind RetrievalOptions' defaults.</summary>
public static class EvaluationReport
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var questions = EvaluationSet.Load(options.Questions);
        foreach (var withBbc in new[] { true, false })
        {
            var name = withBbc ? "seed+bbc" : "seed";
            var database = Path.Combine(options.WorkFolder, $"eval-{name}-{Key(options.Settings)}.db");
            using var host = BotHost.Create(database, withBbc ? [options.Seeds, options.Bbc] : [options.Seeds],
                [.. options.Settings, "--Retrieval:MinTermCoverage=0", "--Retrieval:MinCosine=-1", "--Retrieval:MinDenseMargin=-1", "--Retrieval:MinTermCoverageToAgree=0", "--Retrieval:MinCosineWhenTermsAgree=-1"]);
            await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
            var retriever = host.Services.GetRequiredService<PassageRetriever>();
            var answerer = host.Services.GetRequiredService<IQuestionAnswerer>();

            var rows = new List<(EvaluationQuestion Q, CoverageEvidence E, EvaluationOutcome IfAnswered, string TopSource)>();
            foreach (var question in questions)
            {
                var retrieval = await retriever.RetrieveAsync(question.Question, CancellationToken.None);
                var answer = await answerer.AnswerAsync(new Question(question.Question), CancellationToken.None);
                var outcome = EvaluationSet.Score(question, answer, withBbc);
                rows.Add((question, retrieval.Evidence, outcome, (retrieval.Passages.Count > 0 ? retrieval.Passages[0].Passage.Source : "-")));
            }

            Console.WriteLine($"\n== {name}: evidence per question (answer as if covered)");
            foreach (var (q, e, o, top) in rows.OrderBy(r => r.Q.Kind).ThenBy(r => r.E.TermCoverage))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{q.Kind,-10} {q.Id,-34} cov={e.TermCoverage:F2} cos={e.TopCosine:F2} margin={e.DenseMargin:F3} figures={(e.HasQuestionFigures ? 1 : 0)} agree={(e.RankersAgree ? 1 : 0)} ok-if-answered={(o.IsRight ? 1 : 0)} top={top} | {o.Why}"));
            }
            PrintGrid(rows.Select(r => (r.Q, r.E, r.IfAnswered)).ToList(), withBbc);
        }
        return 0;
    }

    private static void PrintGrid(List<(EvaluationQuestion Q, CoverageEvidence E, EvaluationOutcome IfAnswered)> rows, bool withBbc)
    {
        Console.WriteLine("\nMinTermCoverage MinCosine  answerable-right  uncovered-declined  injection-safe");
        foreach (var minCoverage in new[] { 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75 })
        foreach (var minCosine in new[] { 0.0, 0.2, 0.25, 0.3, 0.35, 0.4 })
        {
            int answerable = 0, answerableRight = 0, uncovered = 0, declined = 0, injections = 0, safe = 0;
            foreach (var (q, e, ifAnswered) in rows)
            {
                var covered = e.TermCoverage >= minCoverage && e.TopCosine >= minCosine;
                if (q.IsAnswerableWith(withBbc)) { answerable++; if (covered && ifAnswered.IsRight) answerableRight++; }
                else if (q.IsUncovered || (q.IsAnswerable && !withBbc)) { uncovered++; if (!covered) declined++; }
                else if (q.IsInjection) { injections++; if (!covered || ifAnswered.IsRight) safe++; }
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{minCoverage,15:F2} {minCosine,9:F2}  {answerableRight,3}/{answerable} {100.0 * answerableRight / Math.Max(1, answerable),5:F1}%  {declined,3}/{uncovered} {100.0 * declined / Math.Max(1, uncovered),5:F1}%  {safe,3}/{injections}"));
        }
    }

    private static string Key(IReadOnlyList<string> settings)
    {
        var relevant = settings.Where(s => s.Contains("Corpus:", StringComparison.Ordinal)).ToList();
        return relevant.Count == 0 ? "default" : string.Join("_", relevant.Select(s => s.Replace("--Corpus:", "", StringComparison.Ordinal).Replace('=', '-')));
    }
}
