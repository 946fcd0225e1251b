using Microsoft.Extensions.Options;

namespace Newsdesk.Cli;

/// <summary>A configuration problem as a person reads it: one line per problem, naming the setting, no stack trace.
/// Exit code 2, as for a wrong command line.</summary>
public static class ConfigurationReport
{
    /// <summary>Options validation, and a value that cannot be bound to its setting's type ("Failed to convert
    /// configuration value at 'Chat:DrainTimeout' …", which the configuration binder throws).</summary>
    public static bool IsConfigurationError(Exception exception) => exception switch
    {
        OptionsValidationException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsConfigurationError),
        InvalidOperationException { InnerException: FormatException or InvalidOperationException or ArgumentException } binding
            => binding.Message.Contains("configuration value", StringComparison.Ordinal),
        _ => false,
    };

    public static async Task<int> WriteAsync(Exception exception, TextWriter errors)
    {
        foreach (var problem in Problems(exception).Distinct(StringComparer.Ordinal))
            await errors.WriteLineAsync($"Configuration error: {problem}");
        return CommandLineReport.UsageError;
    }

    private static IEnumerable<string> Problems(Exception exception) => exception switch
    {
        OptionsValidationException validation => validation.Failures.SelectMany(f => f.Split("; ", StringSplitOptions.RemoveEmptyEntries)),
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Problems),
        _ => [exception.Message],
    };
}
