using System.Text.Json;
using System.Text.Json.Serialization;

namespace Newsdesk.Discord.Wire;

/// <summary>Discord's JSON is snake_case; absent optional fields are left out rather than sent as null.</summary>
public static class DiscordJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
