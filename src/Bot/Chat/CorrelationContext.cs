namespace Newsdesk.Chat;

/// <summary>The correlation id of the request being handled on this asynchronous flow, set by the web host for each
/// request and stamped on the <see cref="ChatJob"/> the request queues, so the request's log lines, the job's and the
/// reply's share one id. An <see cref="AsyncLocal{T}"/> (as <c>Activity.Current</c> is): each request sees only
/// its own value, and the adapters between the host and the inbox need not pass it along.</summary>
public static class CorrelationContext
{
    private static readonly AsyncLocal<string?> current = new();

    public static string? Current => current.Value;

    /// <summary>Sets the id for the rest of this flow; disposing restores the one before.</summary>
    public static IDisposable Begin(string correlationId)
    {
        var previous = current.Value;
        current.Value = correlationId;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => current.Value = previous;
    }
}
