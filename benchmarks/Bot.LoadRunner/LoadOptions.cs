using System.Globalization;

namespace Newsdesk.LoadRunner;

/// <summary>The runner's command line. Anything it does not know (<c>--Section:Key=value</c>) goes to the server.</summary>
public sealed record LoadOptions(
    int Concurrency,
    int Total,
    string Platform,
    double SoakMinutes,
    double Rate,
    int Warmup,
    int SampleSeconds,
    string Corpus,
    string Work,
    bool WarmConnections,
    IReadOnlyList<string> ServerSettings)
{
    public bool IsSoak => SoakMinutes > 0;

    public bool Sends(string platform) => Platform == "both" || Platform == platform;

    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = new List<string>();
        string[] known = ["--concurrency", "--total", "--platform", "--soak", "--rate", "--warmup", "--sample-seconds", "--corpus", "--work"];
        var warmConnections = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--warm-connections") warmConnections = true;
            else if (known.Contains(args[i]) && i + 1 < args.Length) values[args[i]] = args[++i];
            else settings.Add(args[i]);
        }
        var work = values.TryGetValue("--work", out var given) ? Path.GetFullPath(given) : null;
        // An earlier run's store holds its journal, claimed event ids and answers: the server would take the new run's
        // requests for repeats or recover the old ones, and the report would count replies lost that were never owed.
        if (work is not null && Directory.Exists(work) && Directory.EnumerateFileSystemEntries(work).Any())
            throw new ArgumentException($"--work {work} is not empty (an earlier run's store would be read as this run's); pass an empty or new folder, or leave --work out for a fresh one.");
        var concurrency = Int(values, "--concurrency", 500);
        var platform = values.GetValueOrDefault("--platform", "both");
        if (platform is not ("discord" or "slack" or "both")) throw new ArgumentException("--platform is discord, slack or both.");
        return new LoadOptions(
            concurrency,
            Int(values, "--total", concurrency),
            platform,
            double.Parse(values.GetValueOrDefault("--soak", "0"), CultureInfo.InvariantCulture),
            double.Parse(values.GetValueOrDefault("--rate", "10"), CultureInfo.InvariantCulture),
            Int(values, "--warmup", 40),
            Int(values, "--sample-seconds", 30),
            Path.GetFullPath(values.GetValueOrDefault("--corpus") ?? FindSeeds()),
            work ?? Path.Combine(Path.GetTempPath(), "newsdesk-load-" + Guid.NewGuid().ToString("N")[..8]),
            warmConnections,
            settings);
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The repository's seeds/ folder, found upward from the working directory.</summary>
    private static string FindSeeds()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "seeds")) && File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
                return Path.Combine(dir.FullName, "seeds");
        throw new ArgumentException("seeds/ not found; run from the repository or pass --corpus DIR.");
    }
}
