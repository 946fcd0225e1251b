using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Newsdesk.Tests.Fakes.Discord;

/// <summary>A <see cref="FakeTimeProvider"/> that also reports each timer created, so a test can wait until the
/// code under test is really waiting before it advances the clock (no sleeps, no races).</summary>
public sealed class SignallingTimeProvider : TimeProvider
{
    private readonly Channel<TimeSpan> timers = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer created with at least <paramref name="atLeast"/>.</summary>
    public Task<TimeSpan> NextTimerAsync(TimeSpan atLeast, int timeoutSeconds = 30) => NextTimerAsync(atLeast, TimeSpan.MaxValue, timeoutSeconds);

    /// <summary>The due time of the next timer created with a due time in the range: a host runs timers of its own
    /// (the chat journal's lease renewal), so a test waiting for one particular wait names its range.</summary>
    public async Task<TimeSpan> NextTimerAsync(TimeSpan atLeast, TimeSpan atMost, int timeoutSeconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (true)
        {
            var due = await timers.Reader.ReadAsync(timeout.Token);
            if (due >= atLeast && due <= atMost) return due;
        }
    }

    public void Advance(TimeSpan delta) => Fake.Advance(delta);
}
