namespace Newsdesk.Tests.Support;

/// <summary>Waits for work that shows progress but cannot say how long it will take (a child process building a store:
/// its files grow as documents are saved), and gives up only when nothing has moved for <see cref="Limit"/>. A total
/// limit failed slow but moving work: the evaluation store's build passed its 30 minutes at load 20-40 (stop 18) and
/// five tests failed with it. A hang moves nothing, so it still fails, <see cref="Limit"/> after its last move.</summary>
/// <param name="period">How often progress is read; a move is seen at most this late.</param>
public sealed class StallWatch(TimeSpan limit, TimeSpan period, TimeProvider time)
{
    public TimeSpan Limit => limit;

    /// <summary>Completes as <paramref name="work"/> does; throws <see cref="TimeoutException"/> (leaving the work
    /// running, for the caller to stop) once <paramref name="progress"/> has read the same for <see cref="Limit"/>.</summary>
    public async Task WaitAsync<T>(Task work, Func<T> progress) where T : IEquatable<T>
    {
        var last = progress();
        var movedAt = time.GetTimestamp();
        while (!work.IsCompleted)
        {
            using var tick = new CancellationTokenSource();
            var delay = Task.Delay(period, time, tick.Token);
            if (await Task.WhenAny(work, delay) == work)
            {
                await tick.CancelAsync();
                break;
            }
            var now = progress();
            if (!now.Equals(last)) (last, movedAt) = (now, time.GetTimestamp());
            else if (time.GetElapsedTime(movedAt) >= limit) throw new TimeoutException($"No progress for {limit}.");
        }
        await work;
    }
}
