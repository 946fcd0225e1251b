namespace Newsdesk.Cli;

/// <summary>Tells a person what is wrong with their command line, and where its help is. Exit code 2.</summary>
public static class CommandLineReport
{
    public const int UsageError = 2;

    public static async Task<int> ErrorsAsync(ParsedCommandLine parsed, TextWriter errors)
    {
        foreach (var error in parsed.Errors) await errors.WriteLineAsync(error);
        var path = parsed.Verb is { } verb && verb.Parents.Any()
            ? string.Join(' ', verb.Parents.OfType<System.CommandLine.Command>().Where(p => p is not System.CommandLine.RootCommand).Reverse().Select(p => p.Name).Append(verb.Name)) + " "
            : "";
        await errors.WriteLineAsync(path.Length > 0 ? $"Run '{path}--help' for what it takes." : "Run '--help' for the verbs.");
        return UsageError;
    }
}
