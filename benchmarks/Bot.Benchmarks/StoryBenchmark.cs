using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Retrieval;
using Newsdesk.Stories;
using Newsdesk.Tests.Stories;

namespace Newsdesk.Benchmarks;

/// <summary><c>stories</c>: the brief builder scored against the reference briefs (tuning and test parts apart, with
/// the evaluation test's scorer), then the latency of a brief on the warm seed + BBC store.</summary>
public static class StoryBenchmark
{
    private const int Rounds = 5;

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        using var host = BotHost.Create(Path.Combine(options.WorkFolder, "evaluation-seed-bbc.db"), [options.Seeds, options.Bbc], options.Settings);
        await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
        var holder = host.Services.GetRequiredService<PassageIndexHolder>();
        var builder = host.Services.GetRequiredService<StoryBriefBuilder>();
        var references = ReferenceBrief.Load(Path.GetFullPath(Path.Combine("tests", "Bot.Tests", "Stories", "reference-briefs.json")));
        Console.WriteLine($"store: {holder.Current.Count} passages, {holder.Current.Passages.Select(p => p.DocumentId).Distinct().Count()} articles");

        var scores = new Dictionary<string, BriefScore>();
        foreach (var reference in references)
        {
            var brief = await builder.BuildAsync(reference.Topic, CancellationToken.None);
            string SourceText(int number)
            {
                var document = brief.Sources.First(s => s.Number == number).DocumentId;
                return string.Join("\n", holder.Current.Passages.Where(p => p.DocumentId == document).OrderBy(p => p.Ordinal).Select(p => p.Text));
            }
            scores[reference.Split] = scores.GetValueOrDefault(reference.Split, BriefScore.Zero) + BriefScorer.Score(reference, brief, SourceText);
        }
        foreach (var (split, score) in scores) Console.WriteLine($"{split} ({references.Count(r => r.Split == split)} topics): {score}");

        var timings = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var reference in references)
            {
                var started = Stopwatch.GetTimestamp();
                await builder.BuildAsync(reference.Topic, CancellationToken.None);
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        Console.WriteLine($"brief latency (warm): p50 {Percentiles.Of(timings, 50):F1} ms, p99 {Percentiles.Of(timings, 99):F1} ms, max {timings.Max():F1} ms over {timings.Count} briefs");
        return 0;
    }
}
