using System.Text.Json.Nodes;

namespace Newsdesk.Tests.Fakes.Slack;

/// <summary>One Web API or response_url call the bot made to the fake Slack.</summary>
/// <param name="Method">The Web API method ("chat.postMessage") or "response_url".</param>
/// <param name="Path">The request path, which for response_url names the command.</param>
/// <param name="Form">The arguments of a form-encoded call (the read methods), else null.</param>
public sealed record SlackApiCall(string Method, string Path, string? Authorization, JsonNode? Json, long Sequence, IReadOnlyDictionary<string, string>? Form = null)
{
    public string? Channel => Json?["channel"]?.GetValue<string>() ?? Form?.GetValueOrDefault("channel");

    public string? ThreadTs => Json?["thread_ts"]?.GetValue<string>();

    public string Text => Json?["text"]?.GetValue<string>() ?? "";

    public JsonArray Blocks => Json?["blocks"]?.AsArray() ?? [];
}
