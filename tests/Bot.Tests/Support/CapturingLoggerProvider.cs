using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Newsdesk.Tests.Support;

/// <summary>The one capturing logger of the tests: a real provider that keeps every line at every level with its
/// scopes, so tests read what a log collector would, and can wait for a line instead of sleeping.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    private TaskCompletionSource added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<CapturedLog> Lines { get; } = new();

    /// <summary>The first line that matches, as soon as it is written.</summary>
    public async Task<CapturedLog> WaitForLineAsync(Func<CapturedLog, bool> match, int timeoutSeconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (true)
        {
            var signal = Volatile.Read(ref added).Task;
            if (Lines.FirstOrDefault(match) is { } line) return line;
            await signal.WaitAsync(timeout.Token);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Add(CapturedLog line)
    {
        Lines.Enqueue(line);
        Interlocked.Exchange(ref added, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, object?>();
            var printedScopes = new List<string>();
            owner.scopes.ForEachScope((scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    var list = pairs.ToList();
                    foreach (var (key, value) in list) values[key] = value;
                    printedScopes.Add(string.Join(",", list.Select(p => $"{p.Key}={p.Value}")));
                }
                else printedScopes.Add(scope?.ToString() ?? "");
            }, (object?)null);
            var message = formatter(state, exception);
            owner.Add(new CapturedLog(category, logLevel,
                message + (exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})"), values,
                $"{logLevel} {category} [{string.Join(" ", printedScopes)}] {message} {exception}"));
        }
    }
}
