using System.Diagnostics;
using Newsdesk.Retrieval;

namespace Newsdesk.Benchmarks;

/// <summary>The scale verb's index for 100×: <see cref="BinarySentenceCodes"/> in memory, every float in a
/// <see cref="SentenceRowFile"/> under <c>--work</c>, read back only for the candidates. The copies are made and
/// written one at a time, never all held, and exact search's top 40 for every query is computed as they stream past
/// (each copy's passages against every query), so the reference needs no floats in memory either.</summary>
public static class ScaleBinaryPass
{
    private const int Limit = 40;

    public static void Run(float[][] real, int dimensions, int scale, float[][] queries, BenchmarkOptions options)
    {
        var path = Path.Combine(options.WorkFolder, $"scale-rows-{scale}.bin");
        var started = Stopwatch.GetTimestamp();
        var sentences = real.Sum(v => v.Length / dimensions) * scale;
        var codes = new BinarySentenceCodes(BinarySentenceCodes.MeanOf(real, dimensions), sentences);
        var exactTops = queries.Select(_ => new TopScores(Limit)).ToArray();
        SentenceRowFile file;
        using (var writer = new SentenceRowFileWriter(path, dimensions))
        {
            var next = Task.Run(() => ScaleBenchmark.Copy(real, dimensions, 0, options.Noise).ToArray());
            for (var copy = 0; copy < scale; copy++)
            {
                var passages = next.Result;
                // The next copy is made on another core while this one is coded, written and searched.
                var following = copy + 1;
                next = following < scale ? Task.Run(() => ScaleBenchmark.Copy(real, dimensions, following, options.Noise).ToArray()) : next;
                var first = copy * real.Length;
                for (var p = 0; p < passages.Length; p++) { codes.Add(first + p, passages[p]); writer.Append(passages[p]); }
                Parallel.For(0, queries.Length, q =>
                {
                    for (var p = 0; p < passages.Length; p++) exactTops[q].Offer(first + p, BestOf(passages[p], queries[q], dimensions));
                });
            }
            file = writer.Complete();
        }
        using var rows = file;
        var exact = exactTops.Select(t => t.Descending()).ToArray();
        var buildSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        ScaleBenchmark.Report($"{scale}× binary codes + floats on disk ({sentences:N0} sentences)",
            $"codes + owners {codes.Bytes / 1048576.0:F0} MiB in memory, floats {rows.Bytes / 1048576.0:F0} MiB in the file " +
            $"(made, written and searched exactly in {buildSeconds:F0} s); resident {MachineLoad.ResidentMiB():F0} MiB, load {MachineLoad.LoadAverage()}");

        var runs = from shortlist in options.BinaryShortlists
                   from candidates in options.BinaryCandidates.Where(c => shortlist == 0 || c < shortlist)
                   from readers in options.Readers
                   select (shortlist, candidates, readers);
        foreach (var (shortlist, candidates, readers) in runs)
        {
            var firstPass = new List<double>();
            var times = new List<double>();
            double recallAt5 = 0, recallAtLimit = 0;
            var identical = 0;
            for (var q = 0; q < queries.Length; q++)
            {
                var begun = Stopwatch.GetTimestamp();
                var named = codes.CandidatePassages(queries[q], candidates, shortlist);
                firstPass.Add(Stopwatch.GetElapsedTime(begun).TotalMilliseconds);
                var found = rows.Nearest(queries[q], named, Limit, readers);
                times.Add(Stopwatch.GetElapsedTime(begun).TotalMilliseconds);
                recallAt5 += ScaleBenchmark.Recall(exact[q], found, 5);
                recallAtLimit += ScaleBenchmark.Recall(exact[q], found, Limit);
                if (exact[q].SequenceEqual(found)) identical++;
            }
            var pass = (shortlist == 0 ? $"{candidates} by Hamming" : $"{candidates} of {shortlist} by Hamming, re-ranked") +
                $", {readers} reader{(readers == 1 ? "" : "s")}";
            ScaleBenchmark.Report($"  binary first pass ({pass}) + rescoring from the file", ScaleBenchmark.Latency(times) +
                $" (first pass alone {ScaleBenchmark.Latency(firstPass)}); recall@5 {100 * recallAt5 / queries.Length:F2}%, " +
                $"recall@{Limit} {100 * recallAtLimit / queries.Length:F2}%, top {Limit} identical to exact for {identical}/{queries.Length} queries; " +
                $"resident {MachineLoad.ResidentMiB():F0} MiB, load {MachineLoad.LoadAverage()}");
        }
        File.Delete(path);
    }

    private static float BestOf(float[] vectors, float[] query, int dimensions)
    {
        var best = float.MinValue;
        for (var at = 0; at < vectors.Length; at += dimensions) best = Math.Max(best, SentenceVectors.Dot(vectors.AsSpan(at, dimensions), query));
        return best;
    }
}
