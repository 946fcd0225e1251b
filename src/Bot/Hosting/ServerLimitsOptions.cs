using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Newsdesk.Hosting;

/// <summary>Kestrel's limits for <c>serve</c>, under <c>Server</c>. The platforms send a few small signed requests at a
/// time; these bound what anyone else can make the server hold before a signature is checked: connections, header
/// bytes and time, body bytes and the slowest body accepted (docs/reliability.md, "Threat model").</summary>
public sealed class ServerLimitsOptions : IValidatableObject
{
    public const string Section = "Server";

    /// <summary>Connections open at once, idle keep-alive ones included; more wait in the kernel's backlog.</summary>
    [Range(16, 1_000_000)]
    public int MaxConcurrentConnections { get; set; } = 1000;

    /// <summary>All of a request's header bytes; the platforms send well under 4 KiB.</summary>
    [Range(4096, 1 << 20)]
    public int MaxRequestHeadersTotalSize { get; set; } = 16 * 1024;

    /// <summary>From connecting to the last header byte.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest body Kestrel reads. Above the endpoints' own 1 MiB cap on purpose: an oversized body then gets
    /// the endpoint's 413 while Kestrel drains the rest, where Kestrel's own refusal resets a client still sending.</summary>
    [Range(4096, 64L << 20)]
    public long MaxRequestBodySize { get; set; } = 4 << 20;

    /// <summary>A body slower than this (after the grace period) is cut off with 408.</summary>
    [Range(1, 1 << 20)]
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>How long a body may be slow before the rate is enforced; Kestrel needs more than a second.</summary>
    public TimeSpan MinRequestBodyGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an idle connection is kept for the next request.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(120);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinRequestBodyGracePeriod <= TimeSpan.FromSeconds(1))
            yield return new ValidationResult("must be more than one second", [nameof(MinRequestBodyGracePeriod)]);
        if (RequestHeadersTimeout <= TimeSpan.Zero) yield return new ValidationResult("must be positive", [nameof(RequestHeadersTimeout)]);
        if (KeepAliveTimeout <= TimeSpan.Zero) yield return new ValidationResult("must be positive", [nameof(KeepAliveTimeout)]);
    }

    public void ApplyTo(KestrelServerLimits limits)
    {
        limits.MaxConcurrentConnections = MaxConcurrentConnections;
        limits.MaxConcurrentUpgradedConnections = MaxConcurrentConnections;
        limits.MaxRequestHeadersTotalSize = MaxRequestHeadersTotalSize;
        limits.RequestHeadersTimeout = RequestHeadersTimeout;
        limits.MaxRequestBodySize = MaxRequestBodySize;
        limits.MinRequestBodyDataRate = new MinDataRate(MinRequestBodyBytesPerSecond, MinRequestBodyGracePeriod);
        limits.KeepAliveTimeout = KeepAliveTimeout;
    }
}
