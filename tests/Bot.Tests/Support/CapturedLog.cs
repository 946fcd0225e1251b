using Microsoft.Extensions.Logging;

namespace Newsdesk.Tests.Support;

/// <summary>One log line as a provider saw it, with the named values of every scope open around it.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Scope);
