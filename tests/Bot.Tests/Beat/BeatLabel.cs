namespace Newsdesk.Tests.Beat;

/// <summary>One hand-labelled story from <c>beat-labels.tsv</c>: its file relative to the BBC corpus folder, whether it
/// is music-industry news, and its part (train fits the weights, tune chooses the threshold, test is only measured).</summary>
public sealed record BeatLabel(string Source, bool IsMusic, string Part, string Title)
{
    public const string Train = "train", Tune = "tune", Test = "test";

    public static IReadOnlyList<BeatLabel> Load(string path) => File.ReadLines(path)
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line => line.Split('\t'))
        .Select(f => new BeatLabel(f[0],
            f[1] switch { "music" => true, "other" => false, _ => throw new InvalidDataException($"Bad label '{f[1]}' for {f[0]}.") },
            f[2] is Train or Tune or Test ? f[2] : throw new InvalidDataException($"Bad part '{f[2]}' for {f[0]}."),
            f[3]))
        .ToList();
}
