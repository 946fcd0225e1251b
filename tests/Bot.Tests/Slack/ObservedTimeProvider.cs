using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Newsdesk.Tests.Slack;

/// <summary>A fake clock that also says when someone starts waiting, so a test advances time exactly when the bot
/// is waiting (for Retry-After, for a backoff) instead of sleeping or guessing.</summary>
public sealed class ObservedTimeProvider() : FakeTimeProvider(DateTimeOffset.UtcNow)
{
    private readonly ConcurrentQueue<(Func<TimeSpan, bool> IsDue, TaskCompletionSource<TimeSpan> Waiter)> waiters = new();
    private readonly ConcurrentBag<TimeSpan> created = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        created.Add(dueTime);
        foreach (var (isDue, waiter) in waiters)
            if (isDue(dueTime)) waiter.TrySetResult(dueTime);
        return timer;
    }

    /// <summary>Completes once a timer with exactly this due time has been created.</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime) => WaitForTimerAsync(dueTime, dueTime);

    /// <summary>Completes, with its due time, once a timer due between <paramref name="min"/> and
    /// <paramref name="max"/> has been created (a backoff with jitter).</summary>
    public Task<TimeSpan> WaitForTimerAsync(TimeSpan min, TimeSpan max)
    {
        var waiter = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool IsDue(TimeSpan due) => due >= min && due <= max;
        waiters.Enqueue((IsDue, waiter));
        foreach (var due in created.Where(IsDue)) waiter.TrySetResult(due);
        return waiter.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
