using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Chat;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Evaluation;

namespace Newsdesk.Benchmarks;

/// <summary>The <c>followups</c> verb: what a thread's follow-up costs beside a single question, on a warm store that
/// already exists (the evaluation's <c>evaluation-seed-bbc.db</c> under <c>--work</c>). Each round starts a fresh host
/// (every question a first ask) and asks the evaluation set's threads turn by turn, as a chat thread does: first
/// turns are single questions, later turns follow-ups whose earlier turns' story is remembered. A second fresh host
/// then asks only each thread's last turn, with its earlier turns but nothing remembered, as after a restart
/// mid-thread.</summary>
public static class FollowUpBenchmark
{
    private const int Rounds = 3;

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var database = Path.Combine(options.WorkFolder, "evaluation-seed-bbc.db");
        var threads = EvaluationSet.Load(options.Questions).Where(q => q.Thread is not null)
            .GroupBy(q => q.Thread!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(q => q.Turn).Select(q => q.Question).ToList()).ToList();
        Report("machine", $"{Environment.ProcessorCount} cores, load average {MachineLoad.LoadAverage()}");
        var (single, remembered, forgotten) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round < Rounds; round++)
        {
            using (var host = await StartAsync(database, options))
            {
                var answerer = host.Services.GetRequiredService<IQuestionAnswerer>();
                foreach (var turns in threads)
                    for (var turn = 0; turn < turns.Count; turn++)
                        (turn == 0 ? single : remembered).Add(await TimeAsync(answerer, turns[turn], turns[..turn]));
            }
            using (var host = await StartAsync(database, options))
            {
                var answerer = host.Services.GetRequiredService<IQuestionAnswerer>();
                foreach (var turns in threads) forgotten.Add(await TimeAsync(answerer, turns[^1], turns[..^1]));
            }
        }
        Report("first turns (single questions, first asks)", Describe(single));
        Report("follow-ups, the thread's story remembered", Describe(remembered));
        Report("follow-ups, nothing remembered (a restart mid-thread)", Describe(forgotten));
        Report("machine after", $"load average {MachineLoad.LoadAverage()}");
        return 0;
    }

    private static async Task<Microsoft.Extensions.Hosting.IHost> StartAsync(string database, BenchmarkOptions options)
    {
        var host = BotHost.Create(database, [options.Seeds, options.Bbc], options.Settings);
        await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
        // The model's first inference is slow; a question outside the threads takes it.
        await host.Services.GetRequiredService<IQuestionAnswerer>().AnswerAsync(new Question("who won the mercury prize?"), CancellationToken.None);
        return host;
    }

    private static async Task<double> TimeAsync(IQuestionAnswerer answerer, string question, IReadOnlyList<string> earlier)
    {
        var started = Stopwatch.GetTimestamp();
        await answerer.AnswerAsync(new Question(question, earlier), CancellationToken.None);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static string Describe(List<double> times) =>
        $"p50 {Percentiles.Of(times, 50):F1} ms, p90 {Percentiles.Of(times, 90):F1} ms, p99 {Percentiles.Of(times, 99):F1} ms over {times.Count}";

    private static void Report(string what, string figure) => Console.WriteLine($"{what,-60} {figure}");
}
