using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Settings;
using Newsdesk.Storage;

namespace Newsdesk.Corpus.Feeds;

public static class FeedServiceCollectionExtensions
{
    /// <summary>Feed reading for every verb (<c>ingest URL</c> uses it too); the polling service runs only in
    /// <c>serve</c>, and only when feeds are configured.</summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<FeedOptions>(configuration, FeedOptions.Section);
        services.AddSingleton<FeedFetcher>();
        services.AddStorage(configuration);
        services.AddStoreSchema(FeedItemStore.Schema);
        services.AddSingleton<FeedItemStore>();
        services.AddSingleton<FeedItemIngestor>();
        services.AddSingleton<FeedPoller>();
        services.AddStoreSchema(FeedHealthStore.Schema);
        services.AddSingleton<FeedHealthStore>();
        if (configuration.GetSection($"{FeedOptions.Section}:Feeds").GetChildren().Any())
            services.AddHostedService<FeedPollingService>();
        return services;
    }
}
