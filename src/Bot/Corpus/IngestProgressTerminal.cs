namespace Newsdesk.Corpus;

/// <summary>Where ingestion draws its progress line: standard error when it is a terminal, else nowhere (a file or a
/// log collector wants no carriage returns).</summary>
public sealed record IngestProgressTerminal(TextWriter? Writer)
{
    public static IngestProgressTerminal FromConsole() => new(Console.IsErrorRedirected ? null : Console.Error);
}
