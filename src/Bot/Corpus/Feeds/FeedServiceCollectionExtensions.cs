using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Newsdesk.Settings;
using Newsdesk.Storage;

namespace Newsdesk.Corpus.Feeds;

public static class FeedServiceCollectionExtensions
{
    /// <summary>Feed reading for every verb (<c>ingest URL</c> uses it too); the polling service runs only in
    /// <c>serve</c> (it also reads the feeds added from chat).</summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<FeedOptions>(configuration, FeedOptions.Section);
        services.AddSingleton<FeedFetcher>();
        services.AddStorage(configuration);
        services.AddStore<IFeedItemStore, FeedItemStore, PostgresFeedItemStore>(configuration, FeedItemStore.Schema, PostgresFeedItemStore.Schema);
        services.AddSingleton<FeedItemIngestor>();
        services.AddSingleton<FeedPoller>();
        services.AddStore<IAdminAuditLog, AdminAuditLog, PostgresAdminAuditLog>(configuration, AdminAuditLog.Schema, PostgresAdminAuditLog.Schema);
        services.AddStore<IChatFeedStore, ChatFeedStore, PostgresChatFeedStore>(configuration, ChatFeedStore.Schema, PostgresChatFeedStore.Schema);
        services.AddSingleton<FeedCatalog>();
        services.AddSingleton<FeedAdministration>();
        services.AddStore<IFeedHealthRecords, FeedHealthRecords, PostgresFeedHealthRecords>(configuration, FeedHealthRecords.Schema, PostgresFeedHealthRecords.Schema);
        services.AddSingleton<FeedHealthStore>();
        // Always on in serve: a feed added from chat is polled without a restart (an empty list polls nothing).
        services.AddHostedService<FeedPollingService>();
        return services;
    }
}
