using System.Diagnostics;
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
/// which phase the slowest answers spend their time in.</summary>
public static class LatencyPhases
{
    private static readonly string[] Names = ["lexical ranking", "query embedding", "dense search", "retrieval (all of it)", "focus scoring, first ask", "focus scoring, asked again", "composition"];

    /// <param name="services">A host whose focus scorer has not answered yet.</param>
    public static async Task MeasureAsync(IServiceProvider services, IReadOnlyList<EvaluationQuestion> questions)
    {
        var lexical = services.GetRequiredService<LexicalRanker>();
        var embedder = services.GetRequiredService<PassageEmbedder>();
        var indexHolder = services.GetRequiredService<PassageIndexHolder>();
        var retriever = services.GetRequiredService<PassageRetriever>();
        var focus = services.GetRequiredService<FocusScorer>();
        var candidates = services.GetRequiredService<IOptions<RetrievalOptions>>().Value.Candidates;
        var times = Names.Select(_ => new List<double>()).ToArray();
        var perQuestion = new List<(string Question, double[] Phases)>();
        foreach (var q in questions)
        {
            var phases = new double[Names.Length];
            var started = Stopwatch.GetTimestamp();
            await lexical.RankAsync(q.Question, candidates, CancellationToken.None);
            phases[0] = Lap(ref started);
            var vector = embedder.EmbedQuery(q.Question, CancellationToken.None);
            phases[1] = Lap(ref started);
            indexHolder.Current.Nearest(vector, candidates);
            phases[2] = Lap(ref started);
            var retrieval = await retriever.RetrieveAsync(q.Question, CancellationToken.None);
            phases[3] = Lap(ref started);
            if (retrieval.IsCovered)
            {
                var question = new Question(q.Question);
                var analysis = QuestionAnalyzer.Analyze(question.Text, question.EarlierTurns, retrieval.Statistics);
                Lap(ref started);
                focus.Score(question, analysis, retrieval.Passages, CancellationToken.None);
                phases[4] = Lap(ref started);
                var similarity = focus.Score(question, analysis, retrieval.Passages, CancellationToken.None);
                phases[5] = Lap(ref started);
                OfflineAnswerComposer.Compose(analysis, retrieval.Passages, retrieval.Statistics, similarity);
                phases[6] = Lap(ref started);
                for (var i = 4; i < Names.Length; i++) times[i].Add(phases[i]);
            }
            for (var i = 0; i < 4; i++) times[i].Add(phases[i]);
            perQuestion.Add((q.Question, phases));
        }
        Console.WriteLine($"phases of a first ask (load average {MachineLoad.LoadAverage()}):");
        for (var i = 0; i < Names.Length; i++)
            Console.WriteLine($"  {Names[i],-30} p50 {Percentiles.Of(times[i], 50),6:F1} ms, p99 {Percentiles.Of(times[i], 99),6:F1} ms, max {times[i].DefaultIfEmpty().Max(),6:F1} ms over {times[i].Count}");
        Console.WriteLine("  slowest first asks (retrieval + focus scoring + composition), in ms, phases in the order above:");
        foreach (var (question, phases) in perQuestion.OrderByDescending(p => p.Phases[3] + p.Phases[4] + p.Phases[6]).Take(5))
            Console.WriteLine($"    {phases[3] + phases[4] + phases[6],6:F1}: {string.Join(" / ", phases.Select(p => p.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}  {question}");
    }

    private static double Lap(ref long started)
    {
        var now = Stopwatch.GetTimestamp();
        var milliseconds = Stopwatch.GetElapsedTime(started, now).TotalMilliseconds;
        started = now;
        return milliseconds;
    }
}
