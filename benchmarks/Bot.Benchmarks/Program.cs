using Newsdesk.Benchmarks;

// Usage (from the repository root, Release build):
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- all  [--shared ../shared] [--work DIR]
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- train --work DIR   (DIR holds evaluation-seed-bbc.db)
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- train-tie --work DIR   (the self-supervised span-tie set alone)
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- decide --work DIR   (tuning questions only: each outcome and its evidence)
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- ingest [--sections entertainment,tech] [--batch 32]
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- memory --work DIR  (DIR holds evaluation-seed-bbc.db)
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- latency --work DIR (DIR holds evaluation-seed-bbc.db)
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- followups --work DIR (DIR holds evaluation-seed-bbc.db)
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- startup --work DIR (DIR holds evaluation-seed-bbc.db; NEWSDESK_BOT_DLL=path/Bot.dll times a published build)
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- startup-variants --rounds N 'NAME|path/Bot.dll|DIR|VAR=VALUE,…' … (builds or runtime settings alternated, one ask each per round)
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- model-load --work DIR (each way of loading the model, in new processes, alternated)
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- eval [--shared ../shared] [--work DIR] [--Section:Key value …]
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- scale --work DIR [--scales 1,10,100] [--lexical-scales 1,10,100] [--noise 0.6] [--candidates 400,1000]
//       [--in-memory-scales 1,10] [--binary-candidates 2000,8000] [--binary-shortlists 0,16000] [--readers 1,4] [--queries 270]
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- stories --work DIR (DIR holds evaluation-seed-bbc.db)
//   Storage__ConnectionString=... dotnet run -c Release --project benchmarks/Bot.Benchmarks -- postgres --work DIR (DIR holds evaluation-seed-bbc.db)
//   Storage__ConnectionString=... dotnet run -c Release --project benchmarks/Bot.Benchmarks -- replicas [--queries 120] [--work DIR] (DIR holds evaluation-seed-bbc.db)
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- beat [--shared ../shared] [--work DIR] [--Corpus:EmbeddingModel M]
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- beat-cuts [--shared ../shared] [--work DIR] [--Corpus:EmbeddingModel M]
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- beat-days [--shared ../shared] [--work DIR] [--Corpus:EmbeddingModel M]
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- beat-preview [--shared ../shared] [--work DIR] [--Corpus:EmbeddingModel M]
//   dotnet run -c Release --project benchmarks/Bot.Benchmarks -- planted [--shared ../shared] [--work DIR] [--Corpus:EmbeddingModel M]
// Without --work, a run works in the default folder (/tmp/newsdesk-bench), which runs share so that a built store is
// reused; a second run while one holds it is refused with a message (WorkFolderClaim): give it --work DIR.
var options = BenchmarkOptions.Parse(args);
// Only the shared default folder is claimed: a folder given with --work is the caller's to share or not.
using var claim = options.IsDefaultWorkFolder ? WorkFolderClaim.TryTake(options.WorkFolder) : null;
if (options.IsDefaultWorkFolder && claim is null) return Fail(WorkFolderClaim.InUseMessage(options.WorkFolder));
return options.Mode switch
{
    "eval" => await EvaluationReport.RunAsync(options),
    "all" => await FullBenchmark.RunAsync(options),
    "beat" => await BeatFitting.RunAsync(options),
    "beat-cuts" => await BeatCutSearch.RunAsync(options),
    "beat-days" => await BeatDigestDays.RunAsync(options),
    "beat-preview" => await BeatPreview.RunAsync(options),
    "planted" => await PlantedFitting.RunAsync(options),
    "train" => await ModelTrainer.RunAsync(options),
    "train-tie" => await SelfSupervisedTieTraining.RunAsync(options),
    "decide" => await DecisionDiagnosis.RunAsync(options),
    "latency" => await FullBenchmark.RunLatencyAsync(options),
    "followups" => await FollowUpBenchmark.RunAsync(options),
    "startup" => await StartupBenchmark.RunAsync(options, runs: 5),
    "startup-variants" => await StartupBenchmark.RunVariantsAsync(options, rounds: options.Rounds),
    "model-load" => await ModelLoadBenchmark.RunAsync(options, rounds: 3),
    "model-load-variant" => ModelLoadBenchmark.RunVariant(options),
    "startup-phases" => await StartupBenchmark.RunPhasesAsync(options),
    "ingest" => await IngestBenchmark.RunAsync(options),
    "memory" => await MemoryBenchmark.RunAsync(options),
    "stories" => await StoryBenchmark.RunAsync(options),
    "postgres" => await PostgresBenchmark.RunAsync(options),
    "scale" => await ScaleBenchmark.RunAsync(options),
    "replicas" => await ReplicaBenchmark.RunAsync(options),
    _ => Fail($"Unknown mode '{options.Mode}'. Modes: all, ingest, memory, eval, beat, beat-cuts, beat-days, beat-preview, planted, train, train-tie, decide, latency, followups, startup, startup-variants, model-load, stories, postgres, scale, replicas."),
};

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
