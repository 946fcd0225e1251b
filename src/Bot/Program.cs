using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Cli;
using Newsdesk.Discord;
using Newsdesk.Discord.Commands;
using Newsdesk.Hosting;
using Newsdesk.Slack;

CommandLine command;
try
{
    command = CommandLine.Parse(args);
}
catch (CommandLineException error)
{
    await Console.Error.WriteLineAsync(error.Message);
    return 2;
}

if (command.Verb is "help" || command.Has("--help") || command.Has("-h"))
{
    Console.WriteLine(Usage.Text);
    return 0;
}

using var cancellation = new CancellationTokenSource();
if (command.Verb is "serve")
{
    try
    {
        await using var app = ServeCommand.Build(command);
        return await ServeCommand.RunAsync(app, cancellation.Token);
    }
    catch (OptionsValidationException error)
    {
        await Console.Error.WriteLineAsync($"Configuration error: {string.Join("; ", error.Failures)}");
        return 2;
    }
}

Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };

var builder = NewsdeskHost.CreateCliBuilder(command);
builder.Services.AddSingleton<AskCommand>();
builder.Services.AddDiscordRegistration(builder.Configuration);
builder.Services.AddSingleton<IngestCommand>();
builder.Services.AddSingleton<DigestCommand>();
// digest --post-now posts through the platform adapters that are configured.
if (command.Verb is "digest")
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
catch (OptionsValidationException error)
{
    await Console.Error.WriteLineAsync($"Configuration error: {string.Join("; ", error.Failures)}");
    return 2;
}

return command.Verb switch
{
    "ask" => await host.Services.GetRequiredService<AskCommand>().RunAsync(command, Console.In, Console.Out, cancellation.Token),
    "discord" => await host.Services.GetRequiredService<DiscordRegisterCommand>().RunAsync(command, Console.Out, Console.Error, cancellation.Token),
    "ingest" => await host.Services.GetRequiredService<IngestCommand>().RunAsync(command, Console.Out, cancellation.Token),
    "digest" => await host.Services.GetRequiredService<DigestCommand>().RunAsync(command, Console.Out, cancellation.Token),
    _ => await Usage.UnknownAsync(command.Verb),
};
