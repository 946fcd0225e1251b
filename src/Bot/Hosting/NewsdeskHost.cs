using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Newsdesk.Answering;
using Newsdesk.Beat;
using Newsdesk.Cli;
using Newsdesk.Corpus;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Digest;
using Newsdesk.Retrieval;
using Newsdesk.Stories;
using Newsdesk.Storage;

namespace Newsdesk.Hosting;

/// <summary>Configuration, logging and the core services every verb shares.</summary>
public static class NewsdeskHost
{
    /// <summary>Settings come, later ones winning, from appsettings.json beside the program, user secrets,
    /// environment variables (Storage__Database, Answering__Backend, …) and the command line.</summary>
    public static void ConfigureShared(IConfigurationManager configuration, ILoggingBuilder logging, IServiceCollection services, CommandLine command)
    {
        configuration.AddUserSecrets(Assembly.GetExecutingAssembly(), optional: true);
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(command.ConfigurationArguments);

        logging.ClearProviders();
        // Standard output carries answers (and JSON); every log line goes to standard error.
        // Scopes carry the correlation id, platform, TraceId and SpanId on every line. "--Logging:Json true" writes one
        // JSON object a line (message template, values and scopes as fields) for a log collector.
        if (configuration.GetValue<bool>("Logging:Json"))
            logging.AddJsonConsole(o => { o.IncludeScopes = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ "; o.UseUtcTimestamp = true; });
        else
            logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; o.IncludeScopes = true; });
        logging.AddFilter("Microsoft", LogLevel.Warning);
        services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        services.AddSingleton(TimeProvider.System);
        services.AddCorpus(configuration, command.CorpusFolders);
        services.AddRetrieval(configuration);
        services.AddStories(configuration);
        services.AddBeat();
        services.AddAnswering(configuration);
        services.AddFeeds(configuration);
        services.AddDigest(configuration);
        ResolveAgainstContentRoot(services, ContentRoot.Path);
    }

    /// <summary>Relative paths in settings name places under the content root, never under whatever directory the
    /// process happened to start in.</summary>
    private static void ResolveAgainstContentRoot(IServiceCollection services, string contentRoot)
    {
        services.PostConfigure<StorageOptions>(o => o.Database = ContentRoot.Resolve(contentRoot, o.Database));
        services.PostConfigure<CorpusOptions>(o => o.Folders = o.Folders.Select(f => ContentRoot.Resolve(contentRoot, f)).ToList());
        services.PostConfigure<AnsweringOptions>(o => o.PromptsDirectory = ContentRoot.Resolve(contentRoot, o.PromptsDirectory));
    }

    public static HostApplicationBuilder CreateCliBuilder(CommandLine command)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = ContentRoot.Path,
        });
        ConfigureShared(builder.Configuration, builder.Logging, builder.Services, command);
        return builder;
    }
}
