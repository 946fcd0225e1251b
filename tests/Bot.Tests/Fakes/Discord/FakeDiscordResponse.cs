namespace Newsdesk.Tests.Fakes.Discord;

/// <summary>A scripted answer for the next REST call (a 429, a 5xx, an error body).</summary>
public sealed record FakeDiscordResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null);
