using System.Diagnostics.Metrics;

namespace Newsdesk.Hosting;

/// <summary>The web server's own instruments, on the "Newsdesk.Server" meter.</summary>
public sealed class ServerMetrics
{
    public const string MeterName = "Newsdesk.Server";
    public const string RequestReadFailuresName = "newsdesk.server.request_read_failures";

    private readonly Counter<long> readFailures;

    public ServerMetrics(IMeterFactory meters) =>
        readFailures = meters.Create(MeterName).CreateCounter<long>(RequestReadFailuresName,
            description: "Request bodies that could not be read (too slow, cut short, connection lost), by the status answered");

    public void RequestReadFailed(int statusCode) => readFailures.Add(1, new KeyValuePair<string, object?>("status", statusCode));
}
