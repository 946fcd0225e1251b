using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Evaluation;

namespace Newsdesk.Benchmarks;

/// <summary>Where an answer's time goes, phase by phase, on first asks (the focus scorer's caches empty, as for a
/// question never asked before): the lexical ranking, the query's model call, the dense search, the whole retrieval,
/// and the focus scoring with its model call. The answerer runs these in this order; timing them one by one shows
/// which phase the slowest answers spend their time in, and each phase's model work (rows, token positions with
/// padding), allocation and GC pauses say why.</summary>
public static class LatencyPhases
{
    private static readonly string[] Names = ["lexical ranking", "query embedding", "dense search", "retrieval (all of it)", "focus scoring, first ask", "focus scoring, asked again", "composition"];
    private const int FocusFirstAsk = 4;

    /// <param name="services">A host whose focus scorer has not answered yet.</param>
    public static async Task MeasureAsync(IServiceProvider services, IReadOnlyList<EvaluationQuestion> questions)
    {
        var lexical = services.GetRequiredService<LexicalRanker>();
        var embedder = services.GetRequiredService<PassageEmbedder>();
        var indexHolder = services.GetRequiredService<PassageIndexHolder>();
        var retriever = services.GetRequiredService<PassageRetriever>();
        var focus = services.GetRequiredService<FocusScorer>();
        var candidates = services.GetRequiredService<IOptions<RetrievalOptions>>().Value.Candidates;
        var meter = new PhaseMeter(embedder);
        var perQuestion = new List<(string Question, PhaseCost[] Phases, bool Covered)>();
        foreach (var q in questions)
        {
            var phases = new PhaseCost[Names.Length];
            meter.Restart();
            await lexical.RankAsync(q.Question, candidates, CancellationToken.None);
            phases[0] = meter.Lap();
            var vector = embedder.EmbedQuery(q.Question, CancellationToken.None);
            phases[1] = meter.Lap();
            indexHolder.Current.Nearest(vector, candidates);
            phases[2] = meter.Lap();
            var retrieval = await retriever.RetrieveAsync(q.Question, CancellationToken.None);
            phases[3] = meter.Lap();
            if (retrieval.IsCovered)
            {
                var question = new Question(q.Question);
                var analysis = QuestionAnalyzer.Analyze(question.Text, question.EarlierTurns, retrieval.Statistics, retrieval.Passages);
                meter.Restart();
                focus.Score(question, analysis, retrieval.Passages, CancellationToken.None);
                phases[4] = meter.Lap();
                var similarity = focus.Score(question, analysis, retrieval.Passages, CancellationToken.None);
                phases[5] = meter.Lap();
                OfflineAnswerComposer.Compose(analysis, retrieval.Passages, retrieval.Statistics, similarity);
                phases[6] = meter.Lap();
            }
            // Named by id, and test-part questions not at all: whoever reads the slowest asks to tune latency must not
            // read the held-out questions.
            perQuestion.Add((q.IsTest ? "(a test-part question)" : q.Id, phases, retrieval.IsCovered));
        }
        Print(perQuestion);
    }

    private static void Print(List<(string Question, PhaseCost[] Phases, bool Covered)> perQuestion)
    {
        var covered = perQuestion.Where(p => p.Covered).ToList();
        Console.WriteLine($"phases of a first ask (load average {MachineLoad.LoadAverage()}); allocation mean per ask; GCs and pause summed over the run:");
        for (var i = 0; i < Names.Length; i++)
        {
            var costs = (i < FocusFirstAsk ? perQuestion : covered).Select(p => p.Phases[i]).ToList();
            var times = costs.Select(c => c.Milliseconds).ToList();
            Console.WriteLine($"  {Names[i],-30} p50 {Percentiles.Of(times, 50),6:F1} ms, p99 {Percentiles.Of(times, 99),6:F1} ms, max {times.DefaultIfEmpty().Max(),6:F1} ms over {costs.Count}; " +
                $"{costs.DefaultIfEmpty().Average(c => c.AllocatedBytes) / 1024,7:F0} KiB, {costs.Sum(c => c.Collections)} GCs, {costs.Sum(c => c.GcPauseMilliseconds):F1} ms paused");
        }
        var calls = covered.Select(p => p.Phases[FocusFirstAsk]).Where(c => c.ModelCalls > 0).ToList();
        Console.WriteLine($"  focus scoring's model work on a first ask ({calls.Count} of {covered.Count} asks call the model; {calls.Sum(c => c.ModelCalls)} calls):");
        Console.WriteLine($"    rows an ask   p50 {Percentiles.Of(Rows(calls), 50),5:F0}, p99 {Percentiles.Of(Rows(calls), 99),5:F0}, max {Rows(calls).DefaultIfEmpty().Max(),5:F0}");
        Console.WriteLine($"    token positions an ask (with padding) p50 {Percentiles.Of(Tokens(calls), 50),5:F0}, p99 {Percentiles.Of(Tokens(calls), 99),5:F0}, max {Tokens(calls).DefaultIfEmpty().Max(),5:F0}");
        var (fixedMs, perToken) = LeastSquares(calls.Select(c => ((double)c.ModelTokens, c.Milliseconds)).ToList());
        var queries = perQuestion.Select(p => p.Phases[1]).ToList();
        Console.WriteLine($"    time ≈ {fixedMs:F2} ms + {perToken * 1000:F1} µs a token position (least squares over these asks); " +
            $"the query embedding: {queries.Average(c => c.ModelTokens):F1} positions, {queries.Average(c => c.Milliseconds):F2} ms on average");
        Console.WriteLine("  slowest first asks (retrieval + focus scoring + composition), ms; phases in the order above; focus rows/positions; GC pause inside; question id:");
        foreach (var (question, phases, _) in perQuestion.OrderByDescending(p => Total(p.Phases).Milliseconds).Take(10))
        {
            var total = Total(phases);
            Console.WriteLine($"    {total.Milliseconds,6:F1}: {string.Join(" / ", phases.Select(p => p.Milliseconds.ToString("F1", CultureInfo.InvariantCulture)))}; " +
                $"{phases[FocusFirstAsk].ModelRows}/{phases[FocusFirstAsk].ModelTokens}; {total.GcPauseMilliseconds:F1} ms  {question}");
        }
    }

    private static PhaseCost Total(PhaseCost[] phases) => phases[3] + phases[FocusFirstAsk] + phases[6];

    private static List<double> Rows(List<PhaseCost> costs) => costs.Select(c => (double)c.ModelRows).ToList();

    private static List<double> Tokens(List<PhaseCost> costs) => costs.Select(c => (double)c.ModelTokens).ToList();

    public static (double Intercept, double Slope) LeastSquares(List<(double X, double Y)> points)
    {
        if (points.Count < 2) return (double.NaN, double.NaN);
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var covariance = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        var variance = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        var slope = variance == 0 ? 0 : covariance / variance;
        return (meanY - slope * meanX, slope);
    }
}
