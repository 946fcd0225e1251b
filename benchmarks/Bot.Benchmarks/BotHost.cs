using Microsoft.Extensions.Hosting;
using Newsdesk.Cli;
using Newsdesk.Hosting;

namespace Newsdesk.Benchmarks;

/// <summary>The bot's real services over a given store and corpus, built the way the CLI builds them.</summary>
public static class BotHost
{
    public static IHost Create(string database, IEnumerable<string> corpus, IEnumerable<string> settings) =>
        NewsdeskHost.CreateCliBuilder(CommandLine.Parse([
            "ask",
            $"--Storage:Database={database}",
            "--Logging:LogLevel:Default=Warning",
            .. corpus.SelectMany(folder => new[] { "--corpus", folder }),
            .. settings,
        ])).Build();
}
