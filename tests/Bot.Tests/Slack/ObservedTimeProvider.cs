using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Newsdesk.Tests.Slack;

/// <summary>A fake clock that also says when someone starts waiting, so a test advances time exactly when the bot
/// is waiting (for Retry-After, for a backoff) instead of sleeping or guessing.</summary>
public sealed class ObservedTimeProvider() : FakeTimeProvider(DateTimeOffset.UtcNow)
{
    private readonly ConcurrentQueue<(TimeSpan Due, TaskCompletionSource Waiter)> waiters = new();
    private readonly ConcurrentBag<TimeSpan> created = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        created.Add(dueTime);
        foreach (var (due, waiter) in waiters)
            if (due == dueTime) waiter.TrySetResult();
        return timer;
    }

    /// <summary>Completes once a timer with exactly this due time has been created.</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        waiters.Enqueue((dueTime, waiter));
        if (created.Contains(dueTime)) waiter.TrySetResult();
        return waiter.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
