using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Chat;
using Newsdesk.Storage;
using Newsdesk.Platform;
using Newsdesk.Settings;
using Newsdesk.Slack.Commands;
using Newsdesk.Slack.Endpoints;
using Newsdesk.Slack.Events;
using Newsdesk.Slack.Interactions;
using Newsdesk.Slack.Posting;
using Newsdesk.Slack.Replies;
using Newsdesk.Slack.WebApi;

namespace Newsdesk.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>The Slack adapter: on when a bot token and either a signing secret (HTTP) or an app token (Socket
    /// Mode) are configured; otherwise off, with the reason logged by <c>serve</c>.</summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SlackOptions>(configuration, SlackOptions.Section);

        var settings = configuration.GetSection(SlackOptions.Section).Get<SlackOptions>() ?? new SlackOptions();
        services.AddSingleton(new ChatAdapterStatus(SlackEventDispatcher.Platform, settings.IsEnabled, Describe(settings)) { ServesHttp = settings.IsHttpEnabled });
        if (!settings.IsEnabled) return services;

        services.AddSingleton<SlackSignatureVerifier>();
        services.AddChatJournal(configuration);
        services.AddChatReplayGuard(configuration);
        services.AddStore<ISlackStore, SlackStore, PostgresSlackStore>(configuration, SlackStore.Schema, PostgresSlackStore.Schema);
        services.AddSingleton<SlackAnswerFormatter>();
        // No request logging: a response_url is a capability URL and must not land in logs.
        // A hung Slack call must not hold a worker for HttpClient's default 100 s.
        services.AddHttpClient(SlackWebApiClient.HttpClientName,
            (provider, client) => client.Timeout = provider.GetRequiredService<IOptions<SlackOptions>>().Value.RequestTimeout).RemoveAllLoggers();
        services.AddPlatformRetryPolicy();
        services.AddSingleton<SlackWebApiClient>();
        services.AddSingleton<SlackBotIdentity>();
        services.AddSingleton<SlackEventDispatcher>();
        services.AddSingleton<IChatReplyRestorer, SlackReplyRestorer>();
        services.AddStore<IAdminAuditLog, AdminAuditLog, PostgresAdminAuditLog>(configuration, AdminAuditLog.Schema, PostgresAdminAuditLog.Schema);
        services.AddStore<ISlackChannelModeStore, SlackChannelModeStore, PostgresSlackChannelModeStore>(configuration, SlackChannelModeStore.Schema, PostgresSlackChannelModeStore.Schema);
        services.AddAnswerFeedback(configuration);
        services.AddSingleton<SlackStoryCommand>();
        services.AddSingleton<SlackInteractionHandler>();
        services.AddSingleton<SlackAdminCheck>();
        services.AddSingleton<SlackAdminCommands>();
        services.AddSingleton<SlackCommandHandler>();
        services.AddSingleton<Newsdesk.Digest.IDigestPoster, SlackDigestPoster>();
        if (settings.IsSocketModeEnabled)
        {
            services.AddSingleton<SlackSocketModeState>();
            services.AddHostedService<SlackSocketModeClient>();
        }
        return services;
    }

    private static string Describe(SlackOptions settings) => (settings.IsHttpEnabled, settings.IsSocketModeEnabled) switch
    {
        (true, true) => "HTTP endpoints /slack/events and /slack/commands, and Socket Mode",
        (true, false) => "HTTP endpoints /slack/events and /slack/commands",
        (false, true) => "Socket Mode (no signing secret, so no HTTP endpoints)",
        _ when !settings.HasBotToken => "Slack:BotToken is not set",
        _ => "set Slack:SigningSecret (HTTP) or Slack:AppToken (Socket Mode)",
    };
}
