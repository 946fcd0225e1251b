using System.Diagnostics.Metrics;

namespace Newsdesk.Tests.Hostile;

/// <summary>Follows one of a running server's instruments (by name, on the server's own meter factory): the sum of
/// its measurements, and a way to await a value, so a test waits for the server's own account of what happened
/// rather than for time.</summary>
public sealed class ServerInstrument : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly object gate = new();
    private readonly List<(Func<long, bool> Condition, TaskCompletionSource Reached)> waiters = [];
    private long total;

    public ServerInstrument(IMeterFactory serverMeters, string instrumentName)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == instrumentName && ReferenceEquals(instrument.Meter.Scope, serverMeters)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Add(value));
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => Add(value));
        listener.Start();
    }

    public long Total { get { lock (gate) return total; } }

    public async Task WaitUntilAsync(Func<long, bool> condition, TimeSpan timeout)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (condition(total)) return;
            waiters.Add((condition, reached));
        }
        await reached.Task.WaitAsync(timeout);
    }

    private void Add(long value)
    {
        lock (gate)
        {
            total += value;
            foreach (var waiter in waiters.Where(w => w.Condition(total)).ToList())
            {
                waiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }
        }
    }

    public void Dispose() => listener.Dispose();
}
