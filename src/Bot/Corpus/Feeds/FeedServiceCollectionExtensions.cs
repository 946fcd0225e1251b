using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Storage;

namespace Newsdesk.Corpus.Feeds;

public static class FeedServiceCollectionExtensions
{
    /// <summary>Feed reading for every verb (<c>ingest URL</c> uses it too); the polling service runs only in
    /// <c>serve</c>, and only when feeds are configured.</summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedOptions>().Bind(configuration.GetSection(FeedOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.Feeds.All(f => f.Url is { IsAbsoluteUri: true } url && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)),
                "Every Corpus:Feeds entry needs an absolute http or https Url.")
            .Validate(o => o.FeedPollInterval >= TimeSpan.FromSeconds(1) && o.FeedFetchTimeout > TimeSpan.Zero, "Corpus:FeedPollInterval and Corpus:FeedFetchTimeout must be positive.")
            .ValidateOnStart();
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
