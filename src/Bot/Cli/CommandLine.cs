namespace Newsdesk.Cli;

/// <summary>One parsed invocation: the verb, its words, flags and option values, the corpus folders, and the settings
/// for .NET configuration (<c>--Answering:Backend OpenAI</c>, and <c>--urls</c> for Kestrel).</summary>
public sealed record CommandLine(
    string Verb,
    IReadOnlyList<string> Arguments,
    IReadOnlySet<string> Flags,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<string> CorpusFolders,
    string[] ConfigurationArguments)
{
    public bool Has(string flag) => Flags.Contains(flag);

    public string? Value(string option) => Values.GetValueOrDefault(option);

    /// <summary>Parses a command line that is known to be valid (tests, benchmarks); the program itself goes through
    /// <see cref="CommandTree"/> so that help, the version and errors are reported to a person.</summary>
    public static CommandLine Parse(string[] args)
    {
        var parsed = CommandTree.Parse(args);
        if (parsed.Errors.Count > 0) throw new CommandLineException(string.Join("; ", parsed.Errors));
        return parsed.Command!;
    }
}
