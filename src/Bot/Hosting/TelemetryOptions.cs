using System.ComponentModel.DataAnnotations;

namespace Newsdesk.Hosting;

/// <summary>Where traces go. Metrics are always served for Prometheus at <c>/metrics</c>; traces leave the process
/// only when a collector is named, because an exporter with nowhere to send would retry and log forever.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>An OpenTelemetry collector's OTLP/HTTP base address (for example <c>http://localhost:4318</c>);
    /// spans are posted to <c>v1/traces</c> under it. Unset: no trace export. Credentials the collector needs go
    /// in the standard <c>OTEL_EXPORTER_OTLP_HEADERS</c> environment variable, which the exporter reads itself.</summary>
    public Uri? OtlpEndpoint { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OtlpEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
            yield return new ValidationResult("Telemetry:OtlpEndpoint must be an absolute http or https address.", [nameof(OtlpEndpoint)]);
    }

    /// <summary>The OTLP/HTTP traces path under the base address, kept if the address already names it.</summary>
    public static Uri TracesAddress(Uri endpoint) =>
        endpoint.AbsolutePath.EndsWith("/v1/traces", StringComparison.Ordinal)
            ? endpoint
            : new Uri(new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/"), "v1/traces");
}
