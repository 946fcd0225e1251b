using System.Text.Json;
using System.Text.RegularExpressions;

namespace Newsdesk.Tests.Deploy;

/// <summary>How a deployment starts the program, read from the file that deploys it (the Dockerfile, the systemd unit):
/// the command, its environment and its working directory, with the deployment's absolute folders mapped onto
/// folders of the test's own.</summary>
public sealed partial record ServiceLaunch(string Program, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, string WorkingDirectory)
{
    public static ServiceLaunch FromDockerfile(string dockerfile)
    {
        // Only the final stage describes the running container.
        var text = Continuations().Replace(File.ReadAllText(dockerfile), " ");
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var final = lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal));
        lines = lines[final..];
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Where(l => l.StartsWith("ENV ", StringComparison.Ordinal)))
            foreach (Match pair in EnvPair().Matches(line[4..])) environment[pair.Groups[1].Value] = pair.Groups[2].Value;
        var workingDirectory = lines.LastOrDefault(l => l.StartsWith("WORKDIR ", StringComparison.Ordinal))?[8..].Trim() ?? "/";
        var entry = JsonArray(lines, "ENTRYPOINT ");
        var command = JsonArray(lines, "CMD ");
        return new ServiceLaunch(entry[0], [.. entry.Skip(1), .. command], environment, workingDirectory);
    }

    public static ServiceLaunch FromSystemdUnit(string unit)
    {
        var lines = File.ReadAllLines(unit).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        string? Value(string key) => lines.LastOrDefault(l => l.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..];
        var environment = lines.Where(l => l.StartsWith("Environment=", StringComparison.Ordinal))
            .Select(l => l["Environment=".Length..].Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var exec = Value("ExecStart")!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new ServiceLaunch(exec[0], exec[1..], environment, Value("WorkingDirectory") ?? "/");
    }

    /// <summary>The same launch with every path under a deployment folder moved to the given local folder, and the
    /// listening port moved (to 0 in the tests: the service binds a port the kernel picks and says which).</summary>
    public ServiceLaunch Mapped(IReadOnlyDictionary<string, string> folders, int fromPort, int toPort)
    {
        string Map(string value)
        {
            foreach (var (deployed, local) in folders)
                if (value == deployed || value.StartsWith(deployed + "/", StringComparison.Ordinal)) return local + value[deployed.Length..];
            return value.Replace($":{fromPort}", $":{toPort}", StringComparison.Ordinal);
        }
        return new ServiceLaunch(Map(Program), Arguments.Select(Map).ToList(),
            Environment.ToDictionary(p => p.Key, p => Map(p.Value), StringComparer.Ordinal), WorkingDirectory);
    }

    private static string[] JsonArray(List<string> lines, string instruction) =>
        JsonSerializer.Deserialize<string[]>(lines.Last(l => l.StartsWith(instruction, StringComparison.Ordinal))[instruction.Length..])!;

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex Continuations();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=(""[^""]*""|\S+)")]
    private static partial Regex EnvPair();
}
