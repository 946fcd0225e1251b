using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Newsdesk.Tests.Hostile;

/// <summary>Keeps every log line at every level as the console would print it: message, exception (with its inner
/// exceptions and stack) and scope values.</summary>
[ProviderAlias("Recording")]
public sealed class RecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    private TaskCompletionSource added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>The first line that matches, as soon as it is written.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, int timeoutSeconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (true)
        {
            var signal = Volatile.Read(ref added).Task;
            if (Lines.FirstOrDefault(match) is { } line) return line;
            await signal.WaitAsync(timeout.Token);
        }
    }

    private void Add(string line)
    {
        Lines.Enqueue(line);
        Interlocked.Exchange(ref added, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new List<string>();
            provider.scopes.ForEachScope((s, list) => list.Add(s is IEnumerable<KeyValuePair<string, object>> pairs
                ? string.Join(",", pairs.Select(p => $"{p.Key}={p.Value}")) : s?.ToString() ?? ""), scope);
            provider.Add($"{logLevel} {category} [{string.Join(" ", scope)}] {formatter(state, exception)} {exception}");
        }
    }
}
