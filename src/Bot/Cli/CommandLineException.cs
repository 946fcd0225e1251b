namespace Newsdesk.Cli;

/// <summary>A command line that cannot be run as written (a flag without its value).</summary>
public sealed class CommandLineException(string message) : Exception(message);
