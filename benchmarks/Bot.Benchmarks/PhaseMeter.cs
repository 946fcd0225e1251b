using System.Diagnostics;
using Newsdesk.Corpus;

namespace Newsdesk.Benchmarks;

/// <summary>Measures consecutive phases on one thread: each <see cref="Lap"/> returns what happened since the one
/// before. The clock is read first on a lap and last on a restart, so the meter's own reads fall outside the phases.
/// Allocation is counted precisely for the whole process (the benchmark runs one answer at a time), collections over
/// every generation, and the pause from the runtime's running total.</summary>
public sealed class PhaseMeter(PassageEmbedder embedder)
{
    private long started;
    private long allocated;
    private int collections;
    private TimeSpan paused;
    private long rows;
    private long tokens;
    private long calls;

    public void Restart()
    {
        allocated = GC.GetTotalAllocatedBytes(precise: true);
        collections = GC.CollectionCount(0);
        paused = GC.GetTotalPauseDuration();
        rows = embedder.SentencesEmbedded;
        tokens = embedder.TokensEmbedded;
        calls = embedder.ModelCalls;
        started = Stopwatch.GetTimestamp();
    }

    public PhaseCost Lap()
    {
        var ended = Stopwatch.GetTimestamp();
        var cost = new PhaseCost(
            Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds,
            GC.GetTotalAllocatedBytes(precise: true) - allocated,
            GC.CollectionCount(0) - collections,
            (GC.GetTotalPauseDuration() - paused).TotalMilliseconds,
            embedder.SentencesEmbedded - rows,
            embedder.TokensEmbedded - tokens,
            embedder.ModelCalls - calls);
        Restart();
        return cost;
    }
}
