using Microsoft.Extensions.Options;
using Newsdesk.Cli;

namespace Newsdesk.Discord;

/// <summary><c>discord register [--guild ID]</c>: bulk-overwrites the slash commands, globally or for one guild
/// (guild commands appear at once; global ones can take a while to reach every client).</summary>
public sealed class DiscordRegisterCommand(DiscordRestClient rest, IOptions<DiscordOptions> options)
{
    public async Task<int> RunAsync(CommandLine command, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (command.Arguments is not ["register", ..])
        {
            await errors.WriteLineAsync("Usage: discord register [--guild ID]");
            return 2;
        }
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.ApplicationId) || string.IsNullOrWhiteSpace(settings.BotToken))
        {
            await errors.WriteLineAsync("discord register needs Discord:ApplicationId and the secret Discord__BotToken (environment or user secrets).");
            return 2;
        }
        var guild = command.Value("--guild");
        try
        {
            var registered = await rest.BulkOverwriteCommandsAsync(guild, DiscordCommandCatalog.All, cancellationToken);
            var names = string.Join(", ", DiscordCommandCatalog.All.Select(c => "/" + c.Name));
            await output.WriteLineAsync($"Registered {registered.GetArrayLength()} commands ({names}) {(guild is null ? "globally" : $"in guild {guild}")}.");
            return 0;
        }
        catch (Exception error) when (error is DiscordApiException or HttpRequestException or TaskCanceledException)
        {
            await errors.WriteLineAsync($"Registering the commands failed: {error.Message}");
            return 1;
        }
    }
}
