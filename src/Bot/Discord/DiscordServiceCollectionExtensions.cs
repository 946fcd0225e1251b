using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Newsdesk.Chat;
using Newsdesk.Digest;
using Newsdesk.Storage;
using Newsdesk.Platform;
using Newsdesk.Settings;
using Newsdesk.Discord.Commands;
using Newsdesk.Discord.Interactions;
using Newsdesk.Discord.Posting;
using Newsdesk.Discord.Replies;
using Newsdesk.Discord.Rest;
using Newsdesk.Discord.Threads;

namespace Newsdesk.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>The Discord adapter for <c>serve</c>: registered always, mapped only when configured.</summary>
    public static IServiceCollection AddDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDiscordClient(configuration);
        var settings = configuration.GetSection(DiscordOptions.Section).Get<DiscordOptions>() ?? new DiscordOptions();
        services.AddSingleton(new ChatAdapterStatus(DiscordInteractionResponder.Platform, settings.IsEnabled, settings.Describe()));
        services.AddSingleton<DiscordSignatureVerifier>();
        services.AddChatReplayGuard(configuration);
        services.AddSingleton<DiscordReplayGuard>();
        services.AddAnswerFeedback(configuration);
        // Only a configured adapter can edit a reply; otherwise a recovered question is dropped as the adapter being off.
        if (settings.IsEnabled) services.AddSingleton<IChatReplyRestorer, DiscordReplyRestorer>();
        services.AddSingleton<DiscordInfoCommands>();
        services.TryAddSingleton<DiscordChannelPermissions>();
        services.AddSingleton<DiscordAdminCommands>();
        services.AddSingleton<DiscordStoryCommand>();
        services.AddStore<IDiscordThreadTurnStore, DiscordThreadTurnStore, PostgresDiscordThreadTurnStore>(configuration, DiscordThreadTurnStore.Schema, PostgresDiscordThreadTurnStore.Schema);
        services.AddSingleton<DiscordThreadTurns>();
        services.AddSingleton<DiscordCommandRouter>();
        services.AddSingleton<DiscordAutocompleteProvider>();
        services.AddSingleton<DiscordInteractionDispatcher>();
        services.AddSingleton<DiscordInteractionEndpoint>();
        if (!string.IsNullOrWhiteSpace(settings.BotToken)) services.AddSingleton<IDigestPoster, DiscordDigestPoster>();
        // A channel webhook needs no application, key or bot token: a webhook-only deployment still posts its digest.
        services.AddSingleton<IDigestPoster, DiscordWebhookDigestPoster>();
        return services;
    }

    /// <summary>What the <c>discord register</c> verb needs: options and the REST client.</summary>
    public static IServiceCollection AddDiscordRegistration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDiscordClient(configuration);
        services.TryAddSingleton<DiscordChannelPermissions>();
        services.AddSingleton<DiscordRegisterCommand>();
        return services;
    }

    private static void AddDiscordClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DiscordOptions>(configuration, DiscordOptions.Section);
        // The factory's default request logs print full URLs, and interaction and webhook URLs carry tokens.
        services.AddHttpClient(DiscordRestClient.HttpClientName,
            (provider, client) => client.Timeout = provider.GetRequiredService<IOptions<DiscordOptions>>().Value.RequestTimeout).RemoveAllLoggers();
        services.AddPlatformRetryPolicy();
        services.AddSingleton<DiscordRateLimiter>();
        services.AddSingleton<DiscordRestClient>();
    }
}
