using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Newsdesk.Tests.Support;

/// <summary>The one fake clock of the tests: a <see cref="FakeTimeProvider"/> that also reports each timer created, so
/// a test advances time exactly when the code under test is waiting (for Retry-After, a backoff, a drain) instead of
/// sleeping or guessing.</summary>
public sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    /// <summary>A fixed start for tests whose output should not depend on today's date.</summary>
    public static readonly DateTimeOffset FixedStart = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly Channel<TimeSpan> createdInOrder = Channel.CreateUnbounded<TimeSpan>();
    private readonly ConcurrentBag<TimeSpan> created = [];
    private readonly ConcurrentQueue<(Func<TimeSpan, bool> IsDue, TaskCompletionSource<TimeSpan> Waiter)> waiters = new();

    /// <summary>Starts now, for code that checks request timestamps against the clock (Slack's signatures).</summary>
    public WatchedClock() : this(DateTimeOffset.UtcNow)
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        created.Add(dueTime);
        createdInOrder.Writer.TryWrite(dueTime);
        foreach (var (isDue, waiter) in waiters)
            if (isDue(dueTime)) waiter.TrySetResult(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer, not yet taken by an earlier call, created with at least
    /// <paramref name="atLeast"/> (shorter ones are passed over): for a sequence of waits, one call per wait.</summary>
    public Task<TimeSpan> NextTimerAsync(TimeSpan atLeast, int timeoutSeconds = 30) => NextTimerAsync(atLeast, TimeSpan.MaxValue, timeoutSeconds);

    /// <summary>The same for a due time in a range: a host runs timers of its own (the chat journal's lease renewal),
    /// so a test waiting for one particular wait names its range.</summary>
    public async Task<TimeSpan> NextTimerAsync(TimeSpan atLeast, TimeSpan atMost, int timeoutSeconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (true)
        {
            var due = await createdInOrder.Reader.ReadAsync(timeout.Token);
            if (due >= atLeast && due <= atMost) return due;
        }
    }

    /// <summary>Completes once a timer with exactly this due time has been created, before or after the call.</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime) => WaitForTimerAsync(dueTime, dueTime);

    /// <summary>Completes, with its due time, once a timer due between <paramref name="min"/> and
    /// <paramref name="max"/> has been created, before or after the call (a backoff with jitter).</summary>
    public Task<TimeSpan> WaitForTimerAsync(TimeSpan min, TimeSpan max)
    {
        var waiter = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool IsDue(TimeSpan due) => due >= min && due <= max;
        waiters.Enqueue((IsDue, waiter));
        foreach (var due in created.Where(IsDue)) waiter.TrySetResult(due);
        return waiter.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
