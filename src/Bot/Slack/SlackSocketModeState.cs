using System.Diagnostics.Metrics;

namespace Newsdesk.Slack;

/// <summary>Whether the Socket Mode connection is up, since when, and the last error: for <c>/readyz</c> and
/// <c>/metrics</c> (<c>newsdesk_slack_socket_mode_connected</c>), since a Socket Mode bot with no connection hears
/// nothing while every HTTP check still passes.</summary>
public sealed class SlackSocketModeState
{
    public const string MeterName = "Newsdesk.Slack";

    private readonly Lock gate = new();
    private long failures;
    private (bool IsConnected, DateTimeOffset? Since, string? LastError) current = (false, null, null);

    public SlackSocketModeState(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("newsdesk.slack.socket_mode.connected", () => IsConnected ? 1 : 0,
            description: "1 while the Slack Socket Mode connection is open and Slack has said hello");
        meter.CreateObservableCounter("newsdesk.slack.socket_mode.failures", () => Interlocked.Read(ref failures),
            description: "Socket Mode connections that failed or were closed without notice");
    }

    public bool IsConnected
    {
        get { lock (gate) return current.IsConnected; }
    }

    public void Connected(DateTimeOffset at)
    {
        lock (gate) current = (true, at, current.LastError);
    }

    public void Failed(string error, DateTimeOffset at)
    {
        Interlocked.Increment(ref failures);
        lock (gate) current = (false, at, error);
    }

    public string Describe()
    {
        lock (gate)
        {
            var state = current.IsConnected ? $"connected since {current.Since?.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z"
                : current.Since is { } since ? $"disconnected since {since.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, reconnecting" : "connecting";
            return current.LastError is null ? state : $"{state} (last error: {current.LastError})";
        }
    }
}
