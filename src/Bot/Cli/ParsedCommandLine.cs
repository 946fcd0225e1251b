using System.CommandLine;

namespace Newsdesk.Cli;

/// <summary>The outcome of parsing: a command to run, or something to tell the person (help, the version, errors).</summary>
/// <param name="Command">Set when a verb is to run.</param>
/// <param name="Result">System.CommandLine's result, whose action writes help or the version.</param>
/// <param name="Errors">What is wrong with the command line, one message each.</param>
/// <param name="Verb">The verb the person was at, for pointing them at its help.</param>
public sealed record ParsedCommandLine(CommandLine? Command, ParseResult? Result, IReadOnlyList<string> Errors, System.CommandLine.Command? Verb);
