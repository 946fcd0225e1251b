namespace Newsdesk.Tests.Fakes.Slack;

/// <summary>A scripted answer the fake gives instead of its default one (a 429, an ok:false, a 503).</summary>
public sealed record SlackResponse(int Status, string Body, TimeSpan? RetryAfter = null);
