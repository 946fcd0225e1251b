using System.Text.Json;

namespace Newsdesk.Slack.Wire;

/// <summary>Slack's JSON is snake_case throughout.</summary>
public static class SlackJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
