using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Chat;
using Newsdesk.Cli;
using Newsdesk.Discord;
using Newsdesk.Discord.Commands;
using Newsdesk.Hosting;
using Newsdesk.Slack;
using Newsdesk.Storage;

var parsed = CommandTree.Parse(args);
if (parsed.Errors.Count > 0) return await CommandLineReport.ErrorsAsync(parsed, Console.Error);
if (parsed.Command is not { } command) return await parsed.Result!.InvokeAsync();

using var cancellation = new CancellationTokenSource();
if (command.Verb is CommandTree.Serve) return await ServeCommand.BuildAndRunAsync(command, Console.Error, cancellation.Token);

Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };

var builder = NewsdeskHost.CreateCliBuilder(command);
builder.Services.AddSingleton<AskCommand>();
builder.Services.AddDiscordRegistration(builder.Configuration);
builder.Services.AddSingleton<IngestCommand>();
builder.Services.AddSingleton<DigestCommand>();
builder.Services.AddSingleton<FeedsCommand>();
builder.Services.AddAnswerFeedback(builder.Configuration);
builder.Services.AddSingleton<FeedbackCommand>();
builder.Services.AddSingleton<StoryCommand>();
// digest --post-now posts through the platform adapters that are configured.
if (command.Verb is CommandTree.Digest)
{
    builder.Services.AddDiscord(builder.Configuration);
    builder.Services.AddSlack(builder.Configuration);
}
using var host = builder.Build();
try
{
    // Options are validated before any work, so a bad setting fails with its name rather than mid-answer.
    host.Services.GetRequiredService<IStartupValidator>().Validate();
}
catch (Exception error) when (ConfigurationReport.IsConfigurationError(error))
{
    return await ConfigurationReport.WriteAsync(error, Console.Error);
}

// Every verb but discord register opens the store: one that cannot be used is one line before any work is done.
if (command.Verb is not CommandTree.Discord
    && await host.Services.GetRequiredService<StoreOpenCheck>().FindProblemAsync(cancellation.Token) is { } problem)
    return await StoreReport.WriteAsync(problem, Console.Error);

try
{
    return command.Verb switch
    {
        CommandTree.Ask => await host.Services.GetRequiredService<AskCommand>().RunAsync(command, Console.In, Console.Out, cancellation.Token),
        CommandTree.Discord => await host.Services.GetRequiredService<DiscordRegisterCommand>().RunAsync(command, Console.Out, Console.Error, cancellation.Token),
        CommandTree.Ingest => await host.Services.GetRequiredService<IngestCommand>().RunAsync(command, Console.Out, cancellation.Token),
        CommandTree.Digest => await host.Services.GetRequiredService<DigestCommand>().RunAsync(command, Console.Out, cancellation.Token),
        CommandTree.Story => await host.Services.GetRequiredService<StoryCommand>().RunAsync(command, Console.Out, Console.Error, cancellation.Token),
        CommandTree.Feeds => await host.Services.GetRequiredService<FeedsCommand>().RunAsync(Console.Out, cancellation.Token),
        CommandTree.Feedback => await host.Services.GetRequiredService<FeedbackCommand>().RunAsync(Console.Out, cancellation.Token),
        _ => throw new InvalidOperationException($"The verb {command.Verb} has no runner."),
    };
}
catch (Exception error) when (StoreOpenCheck.IsDamage(error))
{
    // Damage in a page the opening did not read shows only part-way through the work.
    var path = host.Services.GetRequiredService<SqliteConnections>().DatabasePath;
    return await StoreReport.WriteAsync(new StoreUnavailable(path, StoreOpenCheck.ReasonFor(error)!), Console.Error);
}
