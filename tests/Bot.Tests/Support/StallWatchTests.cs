namespace Newsdesk.Tests.Support;

/// <summary>The wait on the evaluation store's background build (<see cref="BackgroundStore"/>), on a fake clock: work
/// that keeps moving is waited for however long it takes (a total of 30 minutes failed five tests under load 20-40),
/// and work that stops moving fails once it has been still for the limit, counted from its last move.</summary>
public sealed class StallWatchTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    private readonly WatchedClock clock = new(WatchedClock.FixedStart);
    private readonly TaskCompletionSource work = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int progress;

    [Fact]
    public async Task WorkThatMovesEveryFewMinutesIsWaitedForPastTwoHours()
    {
        var waiting = new StallWatch(Limit, Period, clock).WaitAsync(work.Task, () => Volatile.Read(ref progress));

        for (var minute = 1; minute <= 120; minute++)
        {
            await PassAMinuteAsync();
            if (minute % 9 == 0) Interlocked.Increment(ref progress);
        }
        Assert.False(waiting.IsCompleted);
        work.SetResult();

        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task WorkThatStopsMovingFailsOnceItHasBeenStillForTheLimitSinceItsLastMove()
    {
        var waiting = new StallWatch(Limit, Period, clock).WaitAsync(work.Task, () => Volatile.Read(ref progress));

        for (var minute = 1; minute <= 14; minute++)
        {
            await PassAMinuteAsync();
            if (minute == 5) Interlocked.Increment(ref progress);
        }
        // The move in minute 5 is read at minute 5 or 6, so at 14 it has been still for less than the limit; counted
        // from the start, it would have failed at 10. The next timer means the reading at 14 is done.
        await clock.NextTimerAsync(Period, Period);
        Assert.False(waiting.IsCompleted, "failed before the limit had passed since the last move");
        for (var minute = 15; minute <= 16; minute++)
        {
            clock.Advance(Period);
            await Task.WhenAny(waiting, clock.NextTimerAsync(Period, Period));
        }

        await Assert.ThrowsAsync<TimeoutException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task WorkThatFailsFailsTheWaitAtOnce()
    {
        var waiting = new StallWatch(Limit, Period, clock).WaitAsync(work.Task, () => 0);
        await clock.NextTimerAsync(Period, Period);

        work.SetException(new InvalidOperationException("exited with 1"));

        Assert.Equal("exited with 1", (await Assert.ThrowsAsync<InvalidOperationException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(30)))).Message);
    }

    /// <summary>Once the watch waits on its next reading, a minute passes.</summary>
    private async Task PassAMinuteAsync()
    {
        await clock.NextTimerAsync(Period, Period);
        clock.Advance(Period);
    }
}
