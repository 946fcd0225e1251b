namespace Newsdesk.Cli;

/// <summary>The parsed command line: a verb, its words and flags, corpus folders, and the rest for .NET configuration
/// (so <c>--Answering:Backend OpenAI</c> works as it does in any .NET host).</summary>
public sealed record CommandLine(
    string Verb,
    IReadOnlyList<string> Arguments,
    IReadOnlySet<string> Flags,
    IReadOnlyList<string> CorpusFolders,
    string[] ConfigurationArguments)
{
    private static readonly HashSet<string> KnownFlags = new(StringComparer.Ordinal) { "--json", "--jsonl", "--help", "-h", "--preview", "--post-now" };

    public bool Has(string flag) => Flags.Contains(flag);

    public static CommandLine Parse(string[] args)
    {
        var words = new List<string>();
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var corpus = new List<string>();
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--corpus")
            {
                if (i + 1 >= args.Length) throw new CommandLineException("--corpus needs a folder: --corpus DIR");
                corpus.Add(args[++i]);
            }
            else if (arg.StartsWith("--corpus=", StringComparison.Ordinal)) corpus.Add(arg["--corpus=".Length..]);
            else if (KnownFlags.Contains(arg)) flags.Add(arg);
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                // Anything else starting with -- is configuration: --Key value or --Key=value.
                configuration.Add(arg);
                if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length) configuration.Add(args[++i]);
            }
            else words.Add(arg);
        }
        var verb = words.Count > 0 ? words[0] : "serve";
        return new CommandLine(verb, words.Skip(1).ToList(), flags, corpus, [.. configuration]);
    }
}

public sealed class CommandLineException(string message) : Exception(message);
