using System.Text;

namespace Newsdesk.Tests.Fakes.Telemetry;

/// <summary>One OTLP export request as the collector received it.</summary>
public sealed record OtlpExport(string Path, string? ContentType, byte[] Body)
{
    /// <summary>Protobuf carries strings as plain UTF-8 bytes, so a span or attribute name can be found in the body
    /// without decoding the message.</summary>
    public bool Mentions(string text) => Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
