using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Evaluation;

namespace Newsdesk.Benchmarks;

/// <summary>The <c>scale</c> verb: dense and lexical ranking at 1×, 10×, 100×… the sentences of an existing store
/// (the evaluation's <c>evaluation-seed-bbc.db</c> under <c>--work</c>). Copy 0 is the real vectors; every further
/// copy perturbs each sentence vector with uniform noise and renormalises it (see docs/performance.md for why).
/// Queries are the evaluation questions embedded by the real model. For each size: exact search and the int8 first
/// pass with float rescoring, all in memory (<c>--in-memory-scales</c>), their p50/p99, the bytes each holds and
/// recall@5 of the latter against the former; then the binary first pass with rescoring from a file
/// (<see cref="ScaleBinaryPass"/>); then BM25 over an FTS5 table holding the same number of copies of every passage's
/// text (<see cref="ScaleLexicalPass"/>).</summary>
public static class ScaleBenchmark
{
    private const int Limit = 40;

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var database = Path.Combine(options.WorkFolder, "evaluation-seed-bbc.db");
        if (!File.Exists(database)) { Console.Error.WriteLine($"No store at {database}: run the evaluation first."); return 2; }
        // No corpus folders: nothing is synchronised, the store is only read.
        using var host = BotHost.Create(database, [], options.Settings);
        var loaded = await host.Services.GetRequiredService<IKnowledgeStore>().LoadPassagesAsync(CancellationToken.None);
        var real = loaded.Select(p => p.Vectors).ToArray();
        var dimensions = loaded.First(p => p.Sentences.Length > 0) is var first ? first.Vectors.Length / first.Sentences.Length : 384;
        var embedder = host.Services.GetRequiredService<PassageEmbedder>();
        var questions = EvaluationSet.Load(options.Questions).Select(q => q.Question).Take(options.Queries).ToArray();
        var queries = questions.Select(q => embedder.EmbedQuery(q, CancellationToken.None)).ToArray();
        Report("setup", $"{real.Length} passages, {real.Sum(v => v.Length) / dimensions} sentences × {dimensions}; {queries.Length} queries; " +
            $"noise {options.Noise}; load {MachineLoad.LoadAverage()}");

        foreach (var scale in options.Scales)
        {
            var needed = (long)real.Sum(v => (long)v.Length) * scale * (sizeof(float) + 1);
            var fits = needed <= AvailableBytes() * 0.7;
            if (options.InMemoryScales.Contains(scale) && fits) Dense(real, dimensions, scale, queries, options);
            else if (options.InMemoryScales.Contains(scale))
                Report($"{scale}× in memory", $"skipped: needs about {needed / 1048576} MiB, {AvailableBytes() / 1048576} MiB available");
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            ScaleBinaryPass.Run(real, dimensions, scale, queries, options);
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        foreach (var scale in options.LexicalScales) await ScaleLexicalPass.RunAsync(database, scale, questions, options);
        return 0;
    }

    private static void Dense(float[][] real, int dimensions, int scale, float[][] queries, BenchmarkOptions options)
    {
        var built = Stopwatch.GetTimestamp();
        var vectors = new SentenceVectors(Enumerable.Range(0, scale).SelectMany(copy => Copy(real, dimensions, copy, options.Noise)).ToArray(), dimensions);
        var buildSeconds = Stopwatch.GetElapsedTime(built).TotalSeconds;
        built = Stopwatch.GetTimestamp();
        var codes = new Int8SentenceCodes(vectors);
        var codeSeconds = Stopwatch.GetElapsedTime(built).TotalSeconds;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var label = $"{scale}× ({vectors.SentenceCount:N0} sentences, {vectors.PassageCount:N0} passages)";
        Report(label, $"floats {vectors.Bytes / 1048576.0:F0} MiB (built in {buildSeconds:F1} s), int8 codes + scales + owners {codes.Bytes / 1048576.0:F0} MiB " +
            $"(quantised in {codeSeconds:F1} s); resident {MachineLoad.ResidentMiB():F0} MiB, load {MachineLoad.LoadAverage()}");

        var exactTimes = new List<double>();
        var exact = new List<IReadOnlyList<(int Passage, float Cosine)>>();
        foreach (var query in queries)
        {
            var started = Stopwatch.GetTimestamp();
            exact.Add(vectors.Nearest(query, Limit));
            exactTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        Report("  exact float brute force", Latency(exactTimes));
        foreach (var candidates in options.Candidates)
        {
            var times = new List<double>();
            double recallAt5 = 0, recallAtLimit = 0;
            var identical = 0;
            for (var q = 0; q < queries.Length; q++)
            {
                var started = Stopwatch.GetTimestamp();
                var found = vectors.Nearest(queries[q], codes.CandidatePassages(queries[q], candidates), Limit);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                recallAt5 += Recall(exact[q], found, 5);
                recallAtLimit += Recall(exact[q], found, Limit);
                if (exact[q].SequenceEqual(found)) identical++;
            }
            Report($"  int8 first pass ({candidates} sentences) + float rescoring", Latency(times) +
                $"; recall@5 {100 * recallAt5 / queries.Length:F2}%, recall@{Limit} {100 * recallAtLimit / queries.Length:F2}%, " +
                $"top {Limit} identical to exact (passages, order, cosines) for {identical}/{queries.Length} queries");
        }
    }

    /// <summary>Copy 0 is the store's own arrays; a further copy moves every vector by uniform noise of the given
    /// norm (in expectation) and renormalises it, so its cosine to the original is about 1/√(1+noise²).</summary>
    public static IEnumerable<float[]> Copy(float[][] real, int dimensions, int copy, double noise)
    {
        if (copy == 0) return real;
        var random = new Random(copy);
        var amplitude = (float)(noise * Math.Sqrt(3.0 / dimensions));
        return real.Select(original =>
        {
            var perturbed = new float[original.Length];
            for (var row = 0; row < original.Length; row += dimensions)
            {
                var norm = 0f;
                for (var i = row; i < row + dimensions; i++)
                {
                    perturbed[i] = original[i] + amplitude * (2 * random.NextSingle() - 1);
                    norm += perturbed[i] * perturbed[i];
                }
                var inverse = 1 / MathF.Sqrt(norm);
                for (var i = row; i < row + dimensions; i++) perturbed[i] *= inverse;
            }
            return perturbed;
        });
    }

    /// <summary>The share of exact search's top k that the approximate top k matches. Rescored cosines are exact, so a
    /// passage found counts when its cosine reaches exact search's k-th: a tie with it (a byte-identical copy) is as
    /// good an answer.</summary>
    public static double Recall(IReadOnlyList<(int Passage, float Cosine)> exact, IReadOnlyList<(int Passage, float Cosine)> found, int k)
    {
        if (exact.Count == 0) return 1;
        var kth = exact[Math.Min(k, exact.Count) - 1].Cosine;
        return found.Take(k).Count(f => f.Cosine >= kth) / (double)Math.Min(k, exact.Count);
    }

    public static string Latency(List<double> times) =>
        $"p50 {Percentiles.Of(times, 50):F1} ms, p99 {Percentiles.Of(times, 99):F1} ms";

    public static long AvailableBytes()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal)) : null;
        return line is null ? long.MaxValue / 4 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public static void Report(string what, string figure) => Console.WriteLine($"{what,-60} {figure}");
}
