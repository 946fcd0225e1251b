using System.Net;
using System.Text.Json;

namespace Newsdesk.Discord.Rest;

/// <summary>Discord refused a request. <see cref="Code"/> is Discord's JSON error code (e.g. 50035 Invalid Form
/// Body, 10015 Unknown Webhook) when the body carried one.</summary>
public sealed class DiscordApiException(HttpStatusCode status, int? code, string message, string route)
    : Exception($"Discord answered {(int)status} to {route}: {message}" + (code is null ? "" : $" (code {code})"))
{
    public HttpStatusCode Status { get; } = status;

    public int? Code { get; } = code;

    public string Route { get; } = route;

    /// <summary>Reads Discord's error body. <paramref name="secrets"/> (the bot token) and the interaction and webhook
    /// tokens Discord echoes in paths are cut out of the message whatever the body says, since it ends up in logs.</summary>
    public static DiscordApiException FromBody(HttpStatusCode status, string body, string route, params string?[] secrets)
    {
        int? code = null;
        var message = status.ToString();
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (json.RootElement.TryGetProperty("code", out var c) && c.TryGetInt32(out var number)) code = number;
                if (json.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the status alone explains it.
        }
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret)) message = message.Replace(secret, "[redacted]", StringComparison.Ordinal);
        }
        return new DiscordApiException(status, code, Newsdesk.Http.TokenRedaction.Redact(message), route);
    }
}
