using System.ComponentModel.DataAnnotations;

namespace Newsdesk.Hosting;

/// <summary>Where traces and metrics go. Metrics are always served for Prometheus at <c>/metrics</c>; traces and
/// metrics leave the process only when a collector is named, because an exporter with nowhere to send would retry and
/// log forever.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>An OpenTelemetry collector's OTLP/HTTP base address (for example <c>http://localhost:4318</c>);
    /// spans are posted to <c>v1/traces</c> and metrics to <c>v1/metrics</c> under it. Unset: no trace export. Credentials the collector needs go
    /// in the standard <c>OTEL_EXPORTER_OTLP_HEADERS</c> environment variable, which the exporter reads itself.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>How often metrics are pushed to the collector (the last values are also pushed at shutdown).</summary>
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(60);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OtlpEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
            yield return new ValidationResult("Telemetry:OtlpEndpoint must be an absolute http or https address.", [nameof(OtlpEndpoint)]);
        if (MetricExportInterval < TimeSpan.FromSeconds(1) || MetricExportInterval > TimeSpan.FromHours(1))
            yield return new ValidationResult("Telemetry:MetricExportInterval must be between 1 second and 1 hour.", [nameof(MetricExportInterval)]);
    }

    /// <summary>The OTLP/HTTP path of one signal (traces, metrics) under the base address. An address that already
    /// names a signal's path (<c>…/v1/traces</c>) is the collector's base with that path on it.</summary>
    public static Uri SignalAddress(Uri endpoint, string signal)
    {
        var path = endpoint.AbsolutePath;
        foreach (var named in new[] { "/v1/traces", "/v1/metrics" })
            if (path.EndsWith(named, StringComparison.Ordinal)) path = path[..^named.Length];
        var root = new UriBuilder(endpoint) { Path = path.TrimEnd('/') + "/" }.Uri;
        return new Uri(root, $"v1/{signal}");
    }
}
