using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Newsdesk.Answering;
using Newsdesk.Chat;
using Newsdesk.Cli;
using Newsdesk.Corpus;
using Newsdesk.Discord;
using Newsdesk.Discord.Interactions;
using Newsdesk.Slack.Endpoints;
using Newsdesk.Retrieval;
using Newsdesk.Slack;
using Newsdesk.Storage;

namespace Newsdesk.Hosting;

/// <summary><c>serve</c>: the hosted bot. ASP.NET Core on Kestrel (standard <c>--urls</c>), health endpoints,
/// the chat inbox and workers, and every platform adapter that is configured.</summary>
public static class ServeCommand
{
    public static WebApplication Build(CommandLine command, Action<IServiceCollection>? overrideServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = command.ConfigurationArguments,
            ContentRootPath = ContentRoot.Path,
        });
        NewsdeskHost.ConfigureShared(builder.Configuration, builder.Logging, builder.Services, command);
        builder.Services.AddChatInbox(builder.Configuration);
        builder.Services.AddDiscord(builder.Configuration);
        builder.Services.AddSlack(builder.Configuration);
        builder.Services.AddHostedService<IndexWarmup>();
        builder.Services.AddHostedService<SpanWindowPreparation>();
        builder.Services.AddNewsdeskTelemetry(builder.Configuration);
        builder.Services.AddServerHardening(builder.Configuration);
        // SIGTERM: the chat workers drain for Chat:DrainTimeout, then apologise to whoever is left.
        var chat = builder.Configuration.GetSection(ChatOptions.Section).Get<ChatOptions>() ?? new ChatOptions();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = chat.DrainTimeout + chat.ApologyTimeout + TimeSpan.FromSeconds(5));
        // Registered here, not with the corpus: only the hosted bot has acknowledgements to put first.
        if (chat.AnsweringNiceness > 0) builder.Services.AddSingleton(_ => new EmbeddingThreads(chat.Workers, chat.AnsweringNiceness));
        KeepThreadsForAcknowledgements(chat.Workers);
        overrideServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseNewsdeskTelemetry();
        app.UseServerHardening();
        app.MapHealth();
        app.MapDiscord();
        app.MapSlack();
        return app;
    }

    /// <summary>Each chat worker holds a thread-pool thread while it answers (it waits for its embedding thread, and
    /// SQLite's reads are synchronous), and the pool's floor is one thread per core: a burst of acknowledgements then
    /// queued until the pool injected threads. Measured, 500 at once on 2 cores (docs/reliability.md, "Load"): ack
    /// p99 86–207 ms, bimodal, with 4–5 pool threads; with a higher floor 89–127 ms. Only ever raised: the pool is
    /// the process's, and the test host builds several servers in one process.</summary>
    private static void KeepThreadsForAcknowledgements(int workers)
    {
        ThreadPool.GetMinThreads(out var minimum, out var io);
        var wanted = 2 * (workers + Environment.ProcessorCount);
        if (minimum < wanted) ThreadPool.SetMinThreads(wanted, io);
    }

    /// <summary>Builds and runs the bot; a configuration problem ends it with one line per problem and exit code 2,
    /// and a store that cannot be used with one line and exit code 3, before anything listens, rather than with the
    /// host's stack trace.</summary>
    public static async Task<int> BuildAndRunAsync(CommandLine command, TextWriter errors, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = Build(command);
        }
        catch (Exception exception) when (ConfigurationReport.IsConfigurationError(exception))
        {
            return await ConfigurationReport.WriteAsync(exception, errors);
        }
        await using (app)
        {
            try
            {
                app.Services.GetRequiredService<IStartupValidator>().Validate();
                // Before anything listens: a store that cannot be used would leave the bot up and never ready.
                if (await app.Services.GetRequiredService<StoreOpenCheck>().FindProblemAsync(cancellationToken) is { } problem)
                    return await StoreReport.WriteAsync(problem, errors);
                return await RunAsync(app, cancellationToken);
            }
            catch (Exception exception) when (ConfigurationReport.IsConfigurationError(exception))
            {
                return await ConfigurationReport.WriteAsync(exception, errors);
            }
        }
    }

    public static async Task<int> RunAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        StartupReport.Write(app);
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
