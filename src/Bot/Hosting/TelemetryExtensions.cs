using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Digest;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Newsdesk.Storage;
using Newsdesk.Settings;

namespace Newsdesk.Hosting;

/// <summary>OpenTelemetry for <c>serve</c>: the features' own meters plus ASP.NET Core's and HttpClient's, scraped by
/// Prometheus at <c>/metrics</c>; and tracing over the web host, outbound calls, the chat worker, answering and the
/// Kernel, so every log line written inside a request or an answer carries its TraceId and SpanId; the spans, and the
/// metrics too, go to an OpenTelemetry collector over OTLP/HTTP when <see cref="TelemetryOptions.OtlpEndpoint"/> names one.</summary>
public static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddNewsdeskTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TelemetryOptions>(configuration, TelemetryOptions.Section);
        var telemetry = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("newsdesk"))
            .WithMetrics(metrics => metrics
                .AddMeter(ChatMetrics.MeterName, DigestMetrics.MeterName, StoreWriteHealth.MeterName, FeedHealthStore.MeterName, Slack.SlackSocketModeState.MeterName,
                    ServerMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddPrometheusExporter()
                .AddMetricExport(telemetry))
            .WithTracing(tracing => tracing
                .AddSource(ChatMetrics.MeterName, GroundedAnswerer.ActivitySourceName, GroundedAnswerer.KernelActivitySources)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.Path != MetricsPath)
                // Discord's interaction and webhook tokens, and Slack's response_url, are capabilities carried in the
                // URL path: a span names the peer only, so no collector ever holds them.
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, request) =>
                    activity.SetTag("url.full", request.RequestUri?.GetLeftPart(UriPartial.Authority)))
                .AddTraceExport(telemetry));
        return services;
    }

    /// <summary>Metrics pushed to the collector beside the Prometheus scrape, for a deployment that has no scraper.</summary>
    private static MeterProviderBuilder AddMetricExport(this MeterProviderBuilder metrics, TelemetryOptions telemetry)
    {
        if (telemetry.OtlpEndpoint is not { IsAbsoluteUri: true } endpoint) return metrics;
        return metrics.AddOtlpExporter((exporter, reader) =>
        {
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            exporter.Endpoint = TelemetryOptions.SignalAddress(endpoint, "metrics");
            reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)telemetry.MetricExportInterval.TotalMilliseconds;
        });
    }

    private static TracerProviderBuilder AddTraceExport(this TracerProviderBuilder tracing, TelemetryOptions telemetry)
    {
        // A malformed address is reported by the options validation at start; it must not fail here first.
        if (telemetry.OtlpEndpoint is not { IsAbsoluteUri: true } endpoint) return tracing;
        return tracing.AddOtlpExporter(exporter =>
        {
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            exporter.Endpoint = TelemetryOptions.SignalAddress(endpoint, "traces");
        });
    }

    /// <summary>The correlation id for every request, and the Prometheus scrape endpoint.</summary>
    public static WebApplication UseNewsdeskTelemetry(this WebApplication app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }
}
