using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Beat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Beat;
using Newsdesk.Tests.Digest;

namespace Newsdesk.Benchmarks;

/// <summary><c>beat-days</c>: the shipped beat classifier for the configured embedding model, measured per part of the
/// hand labels (train, tune, test) twice: as a classifier over every story, and as the digest uses it, by the digest's
/// own selection over simulated days (<see cref="SimulatedDigestDays"/>). Fits nothing; the store is the one the
/// <c>beat</c> verb builds (<c>WORK/beat-bbc.db</c>).</summary>
public static class BeatDigestDays
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var labels = BeatLabel.Load(Path.GetFullPath(Path.Combine("tests", "Bot.Tests", "Beat", "beat-labels.tsv")));
        using var host = BotHost.Create(Path.Combine(options.WorkFolder, "beat-bbc.db"), [options.Bbc], options.Settings);
        await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
        Console.WriteLine($"model {host.Services.GetRequiredService<IOptions<CorpusOptions>>().Value.EmbeddingModel}; " +
            FormattableString.Invariant($"days of {SimulatedDigestDays.DayLength}, {SimulatedDigestDays.Rounds} rounds, seed {SimulatedDigestDays.Seed}, digest length {SimulatedDigestDays.DigestLength}"));
        foreach (var part in new[] { BeatLabel.Train, BeatLabel.Tune, BeatLabel.Test })
        {
            var stories = labels.Where(l => l.Part == part).ToList();
            Console.WriteLine($"{part}, classifier: {BeatReadings.Score(host.Services, stories)}");
            Console.WriteLine($"{part}, simulated digests: {SimulatedDigestDays.Measure(host.Services, stories)}");
        }
        return 0;
    }
}
