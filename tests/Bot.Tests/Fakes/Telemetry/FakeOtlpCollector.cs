using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Newsdesk.Tests.Fakes.Telemetry;

/// <summary>An OpenTelemetry collector's OTLP/HTTP receiver on loopback: it accepts every export and keeps each
/// request's path, content type and body, as a real collector would receive them.</summary>
public sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<OtlpExport> exports = new();

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
            // An empty ExportTraceServiceResponse: full success.
            return Results.Bytes([], "application/x-protobuf");
        });
        collector.BaseUrl = await LoopbackApp.StartAsync(app);
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
