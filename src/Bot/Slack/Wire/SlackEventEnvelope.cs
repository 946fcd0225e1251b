namespace Newsdesk.Slack.Wire;

/// <summary>The outer Events API body (docs/protocols.md, "Events API"): a <c>url_verification</c> challenge or an
/// <c>event_callback</c> wrapping one event. Fields we do not use are left out.</summary>
public sealed record SlackEventEnvelope(string? Type, string? Challenge, string? EventId, string? TeamId, SlackEvent? Event);
