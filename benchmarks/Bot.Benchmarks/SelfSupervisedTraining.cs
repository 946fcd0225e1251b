using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Evaluation;

namespace Newsdesk.Benchmarks;

/// <summary>The second half of the <c>train</c> verb: builds <see cref="SelfSupervisedSet"/> from the seed+BBC store,
/// fits the models on its train part alone and on it together with the hand-written tuning part, and reports how each
/// fit does on the self-supervised test part and (with <c>--report-test</c>) on the hand-written test part, which no fit sees. The thresholds are
/// always chosen on the hand-written tuning part. It prints figures only: which weights ship is decided by the
/// hand-written tuning objective, and they are pasted by hand into AnswerModel.cs.</summary>
public static class SelfSupervisedTraining
{
    public static async Task ReportAsync(BenchmarkOptions options, Dictionary<bool, List<TrainingExample>> hand, IReadOnlyList<TrainingExample> handTuning, List<IDisposable> hosts)
    {
        IReadOnlyList<EvaluationQuestion> questions;
        using (var host = BotHost.Create(Path.Combine(options.WorkFolder, "evaluation-seed-bbc.db"), [options.Seeds, options.Bbc], options.Settings))
        {
            await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
            questions = SelfSupervisedSet.Make(host.Services.GetRequiredService<PassageIndexHolder>().Current.Passages);
        }
        var self = await ModelTrainer.GatherAsync(options, questions, withBbc: true, hosts);
        var selfTrain = self.Where(e => !e.Question.IsTest).ToList();
        var selfTest = self.Where(e => e.Question.IsTest).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\nself-supervised set: {questions.Count} questions ({questions.Count(q => q.IsAnswerable)} cloze, {questions.Count(q => q.IsNearMiss)} near misses) from {questions.Select(q => q.Source).Distinct().Count()} stories; train {selfTrain.Count}, test {selfTest.Count}"));

        foreach (var (name, tuning) in new[] { ("self-supervised train part alone", selfTrain), ("self-supervised train part + hand-written tuning part", [.. selfTrain, .. handTuning]) })
        {
            Console.WriteLine($"\n== fit on the {name} (measured on the self-supervised test part) ==");
            var (rank, gate, bias) = ModelTrainer.Fit(tuning, selfTest);
            var thresholds = ModelTrainer.FitThresholds(hand, rank, gate, bias);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"thresholds (hand-written tuning part): {thresholds.Thresholds}; objective on the hand-written tuning part {thresholds.Score:F3}"));
            var selfOutcomes = ModelTrainer.Simulate(self, true, rank, gate, bias, thresholds.Thresholds);
            Console.WriteLine(EvaluationTable.Format("self-supervised (tuning = its train part)", selfOutcomes, true));
            foreach (var (withBbc, list) in hand)
            {
                var outcomes = ModelTrainer.Simulate(list, withBbc, rank, gate, bias, thresholds.Thresholds);
                Console.WriteLine(EvaluationTable.Format(withBbc ? "hand-written, seed+bbc" : "hand-written, seed", ModelTrainer.Shown(outcomes, options), withBbc));
            }
            Console.WriteLine("rank: " + string.Join(", ", rank.Select(w => w.ToString("F3", CultureInfo.InvariantCulture))));
            Console.WriteLine("gate: " + string.Join(", ", gate.Select(w => w.ToString("F3", CultureInfo.InvariantCulture))) + string.Create(CultureInfo.InvariantCulture, $"; bias {bias:F3}"));
        }
    }
}
