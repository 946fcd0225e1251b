namespace Newsdesk.Benchmarks;

/// <summary>What one phase of an answer cost: its time, what it allocated, the collections and the GC pause that fell
/// inside it, and the model's work in it (rows, token positions with padding, calls).</summary>
public readonly record struct PhaseCost(double Milliseconds, long AllocatedBytes, int Collections, double GcPauseMilliseconds,
    long ModelRows, long ModelTokens, long ModelCalls)
{
    public static PhaseCost operator +(PhaseCost a, PhaseCost b) =>
        new(a.Milliseconds + b.Milliseconds, a.AllocatedBytes + b.AllocatedBytes, a.Collections + b.Collections,
            a.GcPauseMilliseconds + b.GcPauseMilliseconds, a.ModelRows + b.ModelRows, a.ModelTokens + b.ModelTokens, a.ModelCalls + b.ModelCalls);
}
