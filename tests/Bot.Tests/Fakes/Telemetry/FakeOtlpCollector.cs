using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Newsdesk.Tests.Fakes.Telemetry;

/// <summary>An OpenTelemetry collector's OTLP/HTTP receiver on loopback: it accepts every export and keeps each
/// request's path, content type and body, as a real collector would receive them.</summary>
public sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<OtlpExport> exports = new();
    private readonly Channel<bool> arrivals = Channel.CreateUnbounded<bool>();

    private FakeOtlpCollector(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<OtlpExport> Exports => [.. exports];

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var app = LoopbackApp.Create();
        var collector = new FakeOtlpCollector(app);
        app.MapPost("/v1/{signal}", async (HttpRequest request, CancellationToken aborted) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, aborted);
            collector.exports.Enqueue(new OtlpExport(request.Path, request.ContentType, body.ToArray()));
            collector.arrivals.Writer.TryWrite(true);
            // An empty ExportTraceServiceResponse: full success.
            return Results.Bytes([], "application/x-protobuf");
        });
        collector.BaseUrl = await LoopbackApp.StartAsync(app);
        return collector;
    }

    /// <summary>Waits, export by export, until one matches: for a process whose batches leave on their own schedule.</summary>
    public async Task<OtlpExport> WaitForAsync(Func<OtlpExport, bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (exports.FirstOrDefault(match) is { } found) return found;
            await arrivals.Reader.ReadAsync(deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
