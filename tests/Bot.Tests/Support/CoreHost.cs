using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newsdesk.Cli;
using Newsdesk.Hosting;
using Newsdesk.Retrieval;

namespace Newsdesk.Tests.Support;

/// <summary>The real core services (store in a temp folder, real embeddings) as the CLI builds them, with settings
/// given by the test.</summary>
public static class CoreHost
{
    public static IHost Create(string database, IEnumerable<string> corpusFolders, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        // Settings travel as command-line configuration, exactly as a user would pass them.
        var all = new Dictionary<string, string?>
        {
            ["Storage:Database"] = database,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var command = CommandLine.Parse([
            "ask",
            .. corpusFolders.SelectMany(f => new[] { "--corpus", f }),
            .. all.Select(pair => $"--{pair.Key}={pair.Value}"),
        ]);
        var builder = NewsdeskHost.CreateCliBuilder(command);
        SharedEmbeddingModel.Register(builder.Services);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    public static async Task<IHost> CreateLoadedAsync(string database, IEnumerable<string> corpusFolders, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var host = Create(database, corpusFolders, settings, configure);
        await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
        return host;
    }
}
