using Microsoft.Extensions.Options;
using Newsdesk.Cli;
using Newsdesk.Digest;
using Newsdesk.Discord.Rest;

namespace Newsdesk.Discord.Commands;

/// <summary><c>discord register [--guild ID]</c>: bulk-overwrites the slash commands, globally or for one guild
/// (guild commands appear at once; global ones can take a while to reach every client).</summary>
public sealed class DiscordRegisterCommand(DiscordRestClient rest, DiscordChannelPermissions permissions, IOptions<DiscordOptions> options,
    IOptions<DigestOptions> digest)
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
            var names = string.Join(", ", DiscordCommandCatalog.All.Select(c => c.Type == DiscordCommandDefinition.ChatInputType ? "/" + c.Name : $"“{c.Name}” on messages"));
            await output.WriteLineAsync($"Registered {registered.GetArrayLength()} commands ({names}) {(guild is null ? "globally" : $"in guild {guild}")}.");
            return await CheckDigestChannelsAsync(output, errors, cancellationToken) ? 0 : 1;
        }
        catch (Exception error) when (error is DiscordApiException or HttpRequestException or TaskCanceledException)
        {
            await errors.WriteLineAsync($"Registering the commands failed: {error.Message}");
            return 1;
        }
    }

    /// <summary>Each <c>discord:CHANNEL_ID</c> digest destination: does the bot have what posting a digest needs there?
    /// Without Embed Links Discord drops the digest's embeds and says nothing, so this is the one place to find out.</summary>
    private async Task<bool> CheckDigestChannelsAsync(TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var allGood = true;
        foreach (var value in digest.Value.Destinations)
        {
            if (!DigestDestination.TryParse(value, out var destination) || destination!.Platform != DigestPlatform.DiscordChannel) continue;
            try
            {
                var missing = DiscordChannelPermissions.MissingForDigests(await permissions.InChannelAsync(destination.Target, cancellationToken));
                if (missing.Count == 0)
                {
                    await output.WriteLineAsync($"{destination}: the bot can post digests here.");
                    continue;
                }
                allGood = false;
                await errors.WriteLineAsync($"{destination}: the bot is missing {string.Join(", ", missing)} in this channel; " +
                    "grant them to its role (Server Settings → Roles) or in the channel's permissions.");
            }
            catch (Exception error) when (error is DiscordApiException or HttpRequestException or TaskCanceledException)
            {
                allGood = false;
                await errors.WriteLineAsync($"{destination}: the bot's permissions could not be read ({error.Message}); is the bot in that server?");
            }
        }
        return allGood;
    }
}
