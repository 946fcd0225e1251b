using System.Globalization;

namespace Newsdesk.LoadRunner;

/// <summary>The figures of one run and its checks. Every request must be acknowledged within the platform's 3 s and
/// answered exactly once (an answer, a busy notice or an apology; never nothing, never twice).</summary>
public sealed class LoadReport(LoadOptions options, IReadOnlyList<LoadRequest> requests, int strayReplies,
    IReadOnlyList<ServerSample> samples, int logLines, IReadOnlyList<string> firstLogLines)
{
    /// <summary>Discord's and Slack's deadline for the first response (docs/protocols.md, "Interactions", S2).</summary>
    private const double DeadlineMilliseconds = 3000;

    private const double TargetP99Milliseconds = 100;

    /// <summary>Prints the report; 0 when the checks and the target hold, 1 when a check failed, 3 when only the target was missed.</summary>
    public int Print()
    {
        var c = CultureInfo.InvariantCulture;
        var mode = options.IsSoak
            ? string.Create(c, $"soak {options.SoakMinutes} min at {options.Rate}/s (at most {options.Concurrency} unacknowledged)")
            : $"burst: concurrency {options.Concurrency}, total {options.Total}";
        Console.WriteLine($"== {mode}, platform {options.Platform}, {Environment.ProcessorCount} cores ==");
        foreach (var platform in requests.Select(r => r.Platform).Distinct().Order()) PrintPlatform(platform, [.. requests.Where(r => r.Platform == platform)]);

        var first = requests.Min(r => r.SentAt);
        var lastAck = requests.Max(r => r.AckAt);
        var lastReply = requests.SelectMany(r => r.Replies).Select(r => r.At).DefaultIfEmpty(lastAck).Max();
        var answers = requests.Count(r => r.Replies.Any(x => x.Kind == ReplyKind.Answer));
        var acks = All(requests);
        Console.WriteLine(string.Create(c,
            $"All: ack {Stats.Summary(acks)}; throughput {requests.Count / (Stats.Milliseconds(first, lastAck) / 1000):F0} acks/s, " +
            $"{answers / (Stats.Milliseconds(first, lastReply) / 1000):F1} answers/s over {Stats.Milliseconds(first, lastReply) / 1000:F1} s"));
        PrintServer();

        var late = requests.Count(r => !r.IsAcknowledged || Stats.Milliseconds(r.SentAt, r.AckAt) > DeadlineMilliseconds);
        var lost = requests.Count(r => r.Replies.Count == 0);
        var duplicated = requests.Count(r => r.Replies.Count > 1);
        var p99 = Stats.Percentile(acks, 99);
        Console.WriteLine($"CHECK acknowledged within 3 s: {(late == 0 ? "PASS" : $"FAIL ({late} not)")}");
        Console.WriteLine($"CHECK answered exactly once: {(lost + duplicated + strayReplies == 0 ? "PASS" : $"FAIL ({lost} lost, {duplicated} duplicated, {strayReplies} stray)")}");
        Console.WriteLine(string.Create(c, $"TARGET ack p99 < {TargetP99Milliseconds} ms: {(p99 < TargetP99Milliseconds ? "MET" : "MISSED")} ({p99:F1} ms)"));
        return late + lost + duplicated + strayReplies > 0 ? 1 : p99 < TargetP99Milliseconds ? 0 : 3;
    }

    private static List<double> All(IEnumerable<LoadRequest> requests) =>
        [.. requests.Where(r => r.IsAcknowledged).Select(r => Stats.Milliseconds(r.SentAt, r.AckAt))];

    private static void PrintPlatform(string platform, IReadOnlyList<LoadRequest> requests)
    {
        var kinds = string.Join(", ", requests.GroupBy(r => r.AckKind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
        Console.WriteLine($"{platform}: {requests.Count} requests; acknowledged: {kinds}");
        Console.WriteLine($"  ack latency: {Stats.Summary(All(requests))}");
        var replies = requests.Select(r => r.Replies).ToList();
        Console.WriteLine($"  replies: answer {Count(replies, ReplyKind.Answer)}, busy {Count(replies, ReplyKind.Busy)}, apology {Count(replies, ReplyKind.Failure)}; " +
            $"lost {replies.Count(r => r.Count == 0)}, duplicated {replies.Count(r => r.Count > 1)}");
        List<double> completion = [.. requests.Where(r => r.Replies.Count > 0 && r.Replies[0].Kind == ReplyKind.Answer)
            .Select(r => Stats.Milliseconds(r.SentAt, r.Replies[0].At))];
        Console.WriteLine($"  answer completion (request → platform got the answer): {Stats.Summary(completion)}");
        List<double> busy = [.. requests.Where(r => r.Replies.Count > 0 && r.Replies[0].Kind == ReplyKind.Busy)
            .Select(r => Stats.Milliseconds(r.SentAt, r.Replies[0].At))];
        if (busy.Count > 0) Console.WriteLine($"  busy notice (request → platform got it): {Stats.Summary(busy)}");
    }

    private static int Count(IEnumerable<IReadOnlyList<(long At, ReplyKind Kind)>> replies, ReplyKind kind) =>
        replies.Sum(r => r.Count(x => x.Kind == kind));

    private void PrintServer()
    {
        if (samples.Count == 0) return;
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c,
            $"Server: peak inbox {samples.Max(s => s.InboxDepth)}, peak thread-pool queue {samples.Max(s => s.PendingWorkItems)}, " +
            $"threads {samples.Min(s => s.Threads)}–{samples.Max(s => s.Threads)}, peak working set {Stats.Megabytes(samples.Max(s => s.WorkingSet))}, " +
            $"gen0 GCs {samples[^1].Gen0 - samples[0].Gen0}, gen2 GCs {samples[^1].Gen2 - samples[0].Gen2}, log lines {logLines}"));
        foreach (var line in firstLogLines.Take(6)) Console.WriteLine("  log: " + line);
        if (!options.IsSoak) return;
        Console.WriteLine("  t (s)  working set  GC heap  live after full GC  inbox");
        foreach (var s in samples)
            Console.WriteLine(string.Create(c, $"  {s.Seconds,5:F0}  {Stats.Megabytes(s.WorkingSet),11}  {Stats.Megabytes(s.GcHeap),7}  {Stats.Megabytes(s.LiveBytes),18}  {s.InboxDepth,5}"));
        var (a, b) = (samples[0], samples[^1]);
        var minutes = (b.Seconds - a.Seconds) / 60;
        Console.WriteLine(string.Create(c,
            $"  growth over {minutes:F1} min: working set {Stats.Megabytes(b.WorkingSet - a.WorkingSet)}, live heap {Stats.Megabytes(b.LiveBytes - a.LiveBytes)} " +
            $"({(b.LiveBytes - a.LiveBytes) / Math.Max(minutes, 0.01) / 1024:F0} KB/min)"));
    }
}
