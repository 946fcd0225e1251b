using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Settings;

namespace Newsdesk.Stories;

public static class StoriesServiceCollectionExtensions
{
    public static IServiceCollection AddStories(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StoryOptions>(configuration, StoryOptions.Section);
        services.AddSingleton<StoryArticleFinder>();
        services.AddSingleton<StoryBriefBuilder>();
        return services;
    }
}
