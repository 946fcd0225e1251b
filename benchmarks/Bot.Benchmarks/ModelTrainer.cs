using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Evaluation;

namespace Newsdesk.Benchmarks;

/// <summary>The <c>train</c> verb: fits <see cref="AnswerModel"/> (the sentence ranker, the answer gate, then the answer
/// and topic thresholds) on the TUNING part of the evaluation set, over seed+BBC and the seed alone, and reports how
/// the fit does on the test part it never saw (only with <c>--report-test</c>: by default every figure it prints is the
/// tuning part's, so tuning cannot read the held-out part by accident). Prints the table to paste into AnswerModel.cs.</summary>
public static class ModelTrainer
{
    // The gate's L2 penalty (over a few hundred chosen sentences): enough to keep weights of rarely-set features small.
    private const double GateL2 = 1.0;

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var questions = EvaluationSet.Load(options.Questions);
        var hosts = new List<IDisposable>();
        try
        {
            return await RunAsync(options, questions, hosts);
        }
        finally
        {
            foreach (var host in hosts) host.Dispose();
        }
    }

    private static async Task<int> RunAsync(BenchmarkOptions options, IReadOnlyList<EvaluationQuestion> questions, List<IDisposable> hosts)
    {
        var examples = new Dictionary<bool, List<TrainingExample>>();
        foreach (var withBbc in new[] { true, false })
            examples[withBbc] = await GatherAsync(options, questions, withBbc, hosts);
        // The Hostile tests' planted articles and their questions join the seed's TUNING part (they have no test part):
        // "who runs Harbour Records?" is answered by a name in apposition, which no seed question asks for.
        examples[false].AddRange(await GatherPlantedAsync(options, hosts));
        TrainingDiagnosis.Write(Path.Combine(options.WorkFolder, "training-diagnosis.tsv"), examples.SelectMany(pair => pair.Value.Select(e => (pair.Key, e))));
        TrainingDiagnosis.WriteCandidates(Path.Combine(options.WorkFolder, "training-candidates.tsv"), examples.SelectMany(pair => pair.Value.Select(e => (pair.Key, e))));
        var all = examples.Values.SelectMany(e => e).Where(e => !e.Question.IsInjection).ToList();
        var tuning = all.Where(e => !e.Question.IsTest).ToList();
        List<TrainingExample> test = options.ReportTest ? all.Where(e => e.Question.IsTest).ToList() : [];

        var (rankWeights, gateWeights, gateBias) = Fit(tuning, test);
        var best = FitThresholds(examples, rankWeights, gateWeights, gateBias);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"thresholds: answer {best.Thresholds.Answer:F2}, tied {best.Thresholds.Tied:F2}, topic {best.Thresholds.Topic:F2}, span tie {best.Thresholds.SpanTie:F2}"));
        var coverage = FitCoverage(examples, rankWeights, gateWeights, gateBias, best.Thresholds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"coverage: Retrieval:MinDenseMargin {coverage.Coverage.MinDenseMargin:F3}, Retrieval:MinCosineWhenNamed {coverage.Coverage.MinCosineWhenNamed:F2}; objective {coverage.Score:F3} (answer thresholds alone: {best.Score:F3})"));
        foreach (var (withBbc, list) in examples)
        {
            var ceiling = Simulate(list, withBbc, rankWeights, gateWeights, gateBias, new AnswerThresholds(0, 0, best.Thresholds.Topic, best.Thresholds.SpanTie), coverage.Coverage);
            Console.WriteLine("gate open (every covered question answered):\n" + EvaluationTable.Format(withBbc ? "seed+bbc" : "seed", Shown(ceiling, options), withBbc));
            var outcomes = Simulate(list, withBbc, rankWeights, gateWeights, gateBias, best.Thresholds, coverage.Coverage);
            Console.WriteLine(EvaluationTable.Format(withBbc ? "seed+bbc (simulated, fitted)" : "seed (simulated, fitted)", Shown(outcomes, options), withBbc));
        }

        // The shipped weights with their thresholds refitted: a refit of the weights is adopted only when it beats this.
        var shippedScore = ReportFixed("shipped weights", examples, AnswerModel.RankWeights, AnswerModel.GateWeights, AnswerModel.GateBias, options);
        // The refitted ranker under the shipped gate: the ranker can be adopted alone, the gate being fitted elsewhere.
        var rankerScore = ReportFixed("refitted ranker, shipped gate", examples, rankWeights, AnswerModel.GateWeights, AnswerModel.GateBias, options);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"objective: shipped {shippedScore:F3}, refitted ranker with the shipped gate {rankerScore:F3}, full refit {coverage.Score:F3}"));

        Console.WriteLine("// AnswerModel.cs, fitted by the train verb:");
        Console.WriteLine("public static readonly double[] RankWeights = [" + Join(rankWeights) + "];");
        Console.WriteLine("public static readonly double[] GateWeights = [" + Join(gateWeights) + "];");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"public const double GateBias = {gateBias:F3};"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"public const double AnswerThreshold = {best.Thresholds.Answer:F2};"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"public const double TiedAnswerThreshold = {best.Thresholds.Tied:F2};"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"public const double TopicThreshold = {best.Thresholds.Topic:F2};"));
        for (var i = 0; i < rankWeights.Length; i++)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"//   {SentenceEvidence.Names[i],-18} rank {rankWeights[i],8:F3}  gate {gateWeights[i],8:F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"objective on the hand-written tuning part  by the fit above: {best.Score:F3}"));

        CrossValidate(examples, options);

        if (!options.HandWrittenOnly)
        {
            await SelfSupervisedTieTraining.ReportAsync(options);
            await SelfSupervisedTraining.ReportAsync(options, examples, tuning, hosts);
        }
        return 0;
    }

    private const int Folds = 5;

    /// <summary>How a refit generalises within the TUNING part: its questions are cut into <see cref="Folds"/> folds
    /// grouped by question (a thread is one group; a question asked over both corpora is in one fold for both), and each
    /// fold is answered by the replay with (a) the shipped model, (b) the shipped weights with thresholds refitted on
    /// the other folds and (c) ranker, gate and thresholds all refitted on the other folds. The held-out folds' outcomes
    /// are pooled into one table each; a refit is worth trying in the real pipeline only where (c) beats (a) here.</summary>
    private static void CrossValidate(Dictionary<bool, List<TrainingExample>> examples, BenchmarkOptions options)
    {
        static string Group(EvaluationQuestion q) => q.Thread ?? q.Id;
        var groups = examples.Values.SelectMany(l => l).Where(e => !e.Question.IsTest && !e.Question.IsInjection).Select(e => Group(e.Question))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var foldOf = groups.Select((g, i) => (g, i % Folds)).ToDictionary(x => x.g, x => x.Item2, StringComparer.Ordinal);
        int FoldOf(TrainingExample e) => foldOf.GetValueOrDefault(Group(e.Question), -1);
        var pooled = new Dictionary<string, Dictionary<bool, List<EvaluationOutcome>>>();
        foreach (var name in new[] { "shipped", "stop 17 thresholds 0.55/0.50", "shipped weights, thresholds refitted", "full refit" })
            pooled[name] = new() { [true] = [], [false] = [] };
        for (var fold = 0; fold < Folds; fold++)
        {
            var training = examples.ToDictionary(pair => pair.Key, pair => pair.Value.Where(e => !e.Question.IsTest && FoldOf(e) != fold).ToList());
            var (rank, gate, bias) = Fit(training.Values.SelectMany(l => l).Where(e => !e.Question.IsInjection).ToList(), []);
            var refitted = FitThresholds(training, rank, gate, bias).Thresholds;
            var shippedRefitted = FitThresholds(training, AnswerModel.RankWeights, AnswerModel.GateWeights, AnswerModel.GateBias).Thresholds;
            foreach (var (withBbc, list) in examples)
            {
                var held = list.Where(e => !e.Question.IsTest && FoldOf(e) == fold).ToList();
                pooled["shipped"][withBbc].AddRange(Simulate(held, withBbc, AnswerModel.RankWeights, AnswerModel.GateWeights, AnswerModel.GateBias, AnswerDecision.Shipped.Thresholds));
                pooled["stop 17 thresholds 0.55/0.50"][withBbc].AddRange(Simulate(held, withBbc, AnswerModel.RankWeights, AnswerModel.GateWeights, AnswerModel.GateBias,
                    AnswerDecision.Shipped.Thresholds with { Answer = 0.55, Tied = 0.50 }));
                pooled["shipped weights, thresholds refitted"][withBbc].AddRange(Simulate(held, withBbc, AnswerModel.RankWeights, AnswerModel.GateWeights, AnswerModel.GateBias, shippedRefitted));
                pooled["full refit"][withBbc].AddRange(Simulate(held, withBbc, rank, gate, bias, refitted));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fold {fold}: full refit thresholds {refitted}; shipped weights' thresholds {shippedRefitted}"));
        }
        foreach (var (name, byCorpus) in pooled)
        foreach (var (withBbc, outcomes) in byCorpus)
            Console.WriteLine(EvaluationTable.Format($"{(withBbc ? "seed+bbc" : "seed")} ({name}, held-out folds)", Shown(outcomes, options), withBbc));
    }

    /// <summary>Fixed weights with their thresholds and coverage refitted: the ranker's gate-open ceiling and the
    /// simulated table for both corpora (tuning part unless --report-test); returns the tuning objective.</summary>
    private static double ReportFixed(string name, Dictionary<bool, List<TrainingExample>> examples, double[] rank, double[] gate, double bias, BenchmarkOptions options)
    {
        var fitted = FitThresholds(examples, rank, gate, bias);
        var coverage = FitCoverage(examples, rank, gate, bias, fitted.Thresholds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: thresholds answer {fitted.Thresholds.Answer:F2}, tied {fitted.Thresholds.Tied:F2}, topic {fitted.Thresholds.Topic:F2}; margin {coverage.Coverage.MinDenseMargin:F3}, named {coverage.Coverage.MinCosineWhenNamed:F2}; objective {coverage.Score:F3}"));
        foreach (var (withBbc, list) in examples)
        {
            // The ranker's ceiling: how many questions its top sentences would answer if the gate let every one through.
            var open = Simulate(list, withBbc, rank, gate, bias, new AnswerThresholds(0, 0, fitted.Thresholds.Topic, AnswerModel.SpanTieThreshold), coverage.Coverage);
            Console.WriteLine(EvaluationTable.Format($"{(withBbc ? "seed+bbc" : "seed")} ({name}, gate open)", Shown(open, options), withBbc));
            var outcomes = Simulate(list, withBbc, rank, gate, bias, fitted.Thresholds, coverage.Coverage);
            Console.WriteLine(EvaluationTable.Format($"{(withBbc ? "seed+bbc" : "seed")} ({name}, thresholds refitted)", Shown(outcomes, options), withBbc));
        }
        return coverage.Score;
    }

    /// <summary>The hand-written outcomes the trainer may print: the tuning part's, and the test part's only when asked
    /// for with <c>--report-test</c> (its column then reads "-").</summary>
    public static IReadOnlyList<EvaluationOutcome> Shown(IEnumerable<EvaluationOutcome> outcomes, BenchmarkOptions options) =>
        options.ReportTest ? outcomes.ToList() : outcomes.Where(o => !o.Question.IsTest).ToList();

    /// <summary>The ranker (on questions whose candidates hold a fact) and the gate (on each chosen sentence), fitted on
    /// <paramref name="tuning"/>; measured on it and on <paramref name="test"/> when that is not empty.</summary>
    public static (double[] Rank, double[] Gate, double Bias) Fit(IReadOnlyList<TrainingExample> tuning, IReadOnlyList<TrainingExample> test)
    {
        var rankWeights = LogisticRegression.FitRanker(Groups(tuning));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ranker: the top sentence holds a fact for {LogisticRegression.TopOneAccuracy(Groups(tuning), rankWeights):P1} of tuning questions ({Groups(tuning).Count})"));
        if (Groups(test) is { Count: > 0 } testGroups)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ranker: {LogisticRegression.TopOneAccuracy(testGroups, rankWeights):P1} of test questions ({testGroups.Count})"));
        var gateRows = GateRows(tuning, rankWeights);
        // Newton's method converges where gradient descent stopped short (every weight near 1 after 4,000 steps).
        var (gateFloats, gateBias) = LogisticRegression.FitByNewton(gateRows.Select(r => r.X.Select(x => (float)x).ToArray()).ToList(), gateRows.Select(r => r.Y).ToList(), GateL2);
        var gateWeights = gateFloats.Select(w => (double)w).ToArray();
        PrintGate("gate, tuning", LogisticRegression.Measure(gateRows, gateWeights, gateBias), gateRows.Count);
        if (GateRows(test, rankWeights) is { Count: > 0 } gateTest)
            PrintGate("gate, test  ", LogisticRegression.Measure(gateTest, gateWeights, gateBias), gateTest.Count);
        return (rankWeights, gateWeights, gateBias);
    }

    /// <summary>The answer and topic thresholds that score best on the hand-written TUNING part over both corpora, then
    /// the tied-answer threshold (at most the answer threshold; ties go to the highest). The span-tie similarity is
    /// not chosen here: it is the self-supervised tie set's fit (the train-tie verb), AnswerModel.SpanTieThreshold.</summary>
    public static (AnswerThresholds Thresholds, double Score) FitThresholds(Dictionary<bool, List<TrainingExample>> examples, double[] rankWeights, double[] gateWeights, double gateBias)
    {
        double Score(AnswerThresholds t) => examples.Sum(pair => Objective(pair.Value.Where(e => !e.Question.IsTest), pair.Key, rankWeights, gateWeights, gateBias, t));
        var best = (Thresholds: new AnswerThresholds(0.5, 0.5, 0.5, AnswerModel.SpanTieThreshold), Score: double.MinValue);
        foreach (var answer in Grid(0.2, 0.95, 0.05))
        foreach (var topic in Grid(0.2, 1.2, 0.05))
        {
            var thresholds = new AnswerThresholds(answer, answer, topic, AnswerModel.SpanTieThreshold);
            if (Score(thresholds) is var score && score > best.Score) best = (thresholds, score);
        }
        foreach (var tied in Grid(0.05, best.Thresholds.Answer, 0.05).Reverse())
        {
            var thresholds = best.Thresholds with { Tied = tied };
            if (Score(thresholds) is var score && score > best.Score) best = (thresholds, score);
        }
        return best;
    }

    /// <summary>Each planted article's questions over the seed plus that article alone, the store the Hostile tests ask
    /// them over. With both planted articles in one store, retrieval and the focus terms differ from the tests' (the
    /// second article's sentences change which question terms recur), and a fit that lost Maria Okafor for "who runs
    /// Harbour Records?" scored as if it had kept her.</summary>
    private static async Task<List<TrainingExample>> GatherPlantedAsync(BenchmarkOptions options, List<IDisposable> hosts)
    {
        var planted = EvaluationSet.Load(options.PlantedQuestions);
        if (planted.Any(q => q.IsTest)) throw new InvalidDataException("The planted-article questions are tuning questions only.");
        var examples = new List<TrainingExample>();
        foreach (var article in planted.GroupBy(q => q.Source ?? throw new InvalidDataException($"{q.Id} names no planted article.")))
        {
            var name = Path.GetFileNameWithoutExtension(article.Key);
            var corpus = Directory.CreateDirectory(Path.Combine(options.WorkFolder, $"training-{name}")).FullName;
            File.Copy(Path.Combine(options.PlantedCorpus, article.Key), Path.Combine(corpus, article.Key), overwrite: true);
            examples.AddRange(await GatherAsync(options, article.ToList(), Path.Combine(options.WorkFolder, $"training-{name}.db"), [options.Seeds, corpus], withBbc: false, hosts));
        }
        return examples;
    }

    public static Task<List<TrainingExample>> GatherAsync(BenchmarkOptions options, IReadOnlyList<EvaluationQuestion> questions, bool withBbc, List<IDisposable> hosts) =>
        GatherAsync(options, questions, Path.Combine(options.WorkFolder, withBbc ? "evaluation-seed-bbc.db" : "evaluation-seed.db"),
            withBbc ? [options.Seeds, options.Bbc] : [options.Seeds], withBbc, hosts);

    /// <summary>Every question through the pipeline up to its decision, in the order the evaluation asks them (a thread's
    /// turns in turn order, after the questions outside threads). The host is kept open in <paramref name="hosts"/>: a
    /// replayed follow-up may measure candidates again (<see cref="DecisionInput.GatherOver"/>).</summary>
    private static async Task<List<TrainingExample>> GatherAsync(BenchmarkOptions options, IReadOnlyList<EvaluationQuestion> questions, string database, string[] folders, bool withBbc,
        List<IDisposable> hosts)
    {
        var host = BotHost.Create(database, folders, options.Settings);
        hosts.Add(host);
        await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
        var list = new List<TrainingExample>();
        foreach (var q in questions.OrderBy(q => q.Thread is null ? 0 : 1).ThenBy(q => q.Thread).ThenBy(q => q.Turn))
        {
            var asked = new Question(q.Question, EvaluationSet.EarlierTurns(questions, q));
            var input = await DecisionReplay.CaptureAsync(host.Services, asked, CancellationToken.None);
            var facts = q.IsAnswerableWith(withBbc) && q.Facts is not null ? q.Facts.SelectMany(g => g).ToList() : [];
            list.Add(new TrainingExample(q, input, input.Candidates.Select(c => (c, facts.Any(f => c.Text.Contains(f, StringComparison.OrdinalIgnoreCase)))).ToList()));
        }
        return list;
    }

    private static List<IReadOnlyList<(double[] X, bool Y)>> Groups(IEnumerable<TrainingExample> examples) =>
        examples.Where(e => e.Candidates.Any(c => c.HoldsFact))
            .Select(e => (IReadOnlyList<(double[] X, bool Y)>)e.Candidates.Select(c => (c.Candidate.Evidence.Features(), c.HoldsFact)).ToList())
            .ToList();

    // One row per chosen sentence: it answers when its question is answerable and it holds a fact; a near miss's,
    // partly covered or uncovered question's chosen sentences never answer.
    private static List<(double[] X, bool Y)> GateRows(IEnumerable<TrainingExample> examples, double[] rankWeights) =>
        examples.Where(e => e.IsRetrievalCovered && e.Candidates.Count > 0)
            .SelectMany(e =>
            {
                var holds = e.Candidates.Where(c => c.HoldsFact).Select(c => c.Candidate.Text).ToHashSet();
                return AnswerDecision.Choose(Rescore(e, rankWeights))
                    .Select(c => (c.Evidence.Features(), e.Question.IsAnswerable && holds.Contains(c.Text)));
            })
            .ToList();

    private static double Objective(IEnumerable<TrainingExample> examples, bool withBbc, double[] rankWeights, double[] gateWeights, double gateBias, AnswerThresholds thresholds,
        RetrievalOptions? coverage = null)
    {
        var outcomes = Simulate(examples.ToList(), withBbc, rankWeights, gateWeights, gateBias, thresholds, coverage);
        // Answering right counts as much as declining right: the answerable class, against the mean of the near-miss
        // and partly covered classes, plus the thread turns; and questions off the corpus's topics (uncovered, or about
        // the other corpus's stories) must be declined, which the coverage thresholds decide first.
        double Rate(string name) => EvaluationTable.Rate(outcomes, withBbc, name, test: false) is var (right, total) && total > 0 ? right / (double)total : 0;
        return 2 * Rate("answerable: answered right") + Rate("near misses: declined or partial") + Rate("partly covered: declined or partial") + Rate("thread turns: right")
            + Rate("uncovered: declined") + Rate("other corpus's stories: not answered");
    }

    /// <summary>The dense margin and the similarity at which a question naming an entity the stories hold is covered,
    /// by the same objective on the hand-written TUNING part, with the answer thresholds fitted first. Ties keep the
    /// stricter value of each: a question wrongly declined costs less than a confident answer that misses.</summary>
    public static (RetrievalOptions Coverage, double Score) FitCoverage(Dictionary<bool, List<TrainingExample>> examples, double[] rankWeights, double[] gateWeights, double gateBias,
        AnswerThresholds thresholds)
    {
        double Score(RetrievalOptions c) => examples.Sum(pair => Objective(pair.Value.Where(e => !e.Question.IsTest), pair.Key, rankWeights, gateWeights, gateBias, thresholds, c));
        var best = (Coverage: new RetrievalOptions(), Score: double.MinValue);
        foreach (var margin in Grid(0.0, 0.06, 0.01).Reverse())
        {
            var candidate = new RetrievalOptions { MinDenseMargin = margin, MinCosineWhenNamed = 1.01 };
            var score = Score(candidate);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"coverage: margin {margin:F3}, named off: objective {score:F3}"));
            if (score > best.Score + 1e-9) best = (candidate, score);
        }
        var named = Grid(0.40, 0.70, 0.01).Select(c => (Cosine: c, Score: Score(new RetrievalOptions { MinDenseMargin = best.Coverage.MinDenseMargin, MinCosineWhenNamed = c }))).ToList();
        var top = named.Max(n => n.Score);
        var flat = named.Where(n => n.Score >= top - 1e-9).Select(n => n.Cosine).ToList();
        var chosen = new RetrievalOptions { MinDenseMargin = best.Coverage.MinDenseMargin, MinCosineWhenNamed = flat.Max() };
        foreach (var (cosine, score) in named)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"coverage: margin {best.Coverage.MinDenseMargin:F3}, named cosine {cosine:F2}: objective {score:F3}"));
        return (chosen, Score(chosen));
    }

    /// <summary>What the bot would answer with these weights and thresholds (and coverage settings, where given): the
    /// pipeline's own decision replayed on each question's captured inputs (<see cref="DecisionReplay"/>), scored as the
    /// evaluation scores it. A thread's turns must come with the turns before them.</summary>
    public static List<EvaluationOutcome> Simulate(IReadOnlyList<TrainingExample> examples, bool withBbc, double[] rankWeights, double[] gateWeights, double gateBias,
        AnswerThresholds thresholds, RetrievalOptions? coverage = null)
    {
        var model = new ReplayModel(rankWeights, new AnswerDecision(gateWeights, gateBias, thresholds, AnswerModel.UncertainTopicAnswerThreshold), coverage);
        var answers = DecisionReplay.Replay(examples.Select(e => e.Input).ToList(), model);
        return examples.Select((e, i) => EvaluationSet.Score(e.Question, answers[i], withBbc)).ToList();
    }

    private static List<AnswerCandidate> Rescore(TrainingExample example, double[] rankWeights) =>
        example.Candidates.Select(c => c.Candidate with { Score = AnswerModel.Linear(c.Candidate.Evidence.Features(), rankWeights, 0) }).ToList();

    private static IEnumerable<double> Grid(double from, double to, double step)
    {
        for (var x = from; x <= to + 1e-9; x += step) yield return Math.Round(x, 2);
    }

    private static string Join(double[] values) => string.Join(", ", values.Select(w => w.ToString("F3", CultureInfo.InvariantCulture)));

    private static void PrintGate(string what, (double Accuracy, double Recall, double Precision) m, int rows) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {rows} chosen sentences, accuracy {m.Accuracy:P1}, recall of answering sentences {m.Recall:P1}, precision {m.Precision:P1}"));
}
