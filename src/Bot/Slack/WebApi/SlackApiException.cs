namespace Newsdesk.Slack.WebApi;

/// <summary>A Web API call Slack refused (<c>ok:false</c>, with its <c>error</c> code such as
/// <c>channel_not_found</c>) or that kept failing after the allowed retries.</summary>
public sealed class SlackApiException(string method, string error)
    : Exception($"Slack {method} failed: {Newsdesk.Http.TokenRedaction.Redact(error)}")
{
    public string Method { get; } = method;

    public string Error { get; } = error;
}
