using System.Text.Json;

namespace Newsdesk.Beat;

/// <summary>The fitted weights, one entry per embedding model, as the reviewed file <c>src/Bot/Beat/beat-weights.json</c>
/// that the binary carries as a resource.</summary>
public sealed record BeatWeightsFile(IReadOnlyList<BeatWeights> Models)
{
    public const string ResourceName = "Newsdesk.Beat.beat-weights.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static BeatWeightsFile Parse(string json) =>
        JsonSerializer.Deserialize<BeatWeightsFile>(json, Json) ?? throw new InvalidDataException("The beat weights file is empty.");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BeatWeightsFile LoadPackaged()
    {
        using var stream = typeof(BeatWeightsFile).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
