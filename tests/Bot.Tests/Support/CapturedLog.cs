using Microsoft.Extensions.Logging;

namespace Newsdesk.Tests.Support;

/// <summary>One log line as a provider saw it, with the named values of every scope open around it, and
/// <see cref="Rendered"/>: the whole line as a console would print it (level, category, scopes, message, and the
/// exception with its inner exceptions and stack), for tests that look for text anywhere in what an operator sees.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Scope, string Rendered);
