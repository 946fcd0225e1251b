using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Newsdesk.Stories;

public static class StoriesServiceCollectionExtensions
{
    public static IServiceCollection AddStories(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoryOptions>().Bind(configuration.GetSection(StoryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StoryArticleFinder>();
        services.AddSingleton<StoryBriefBuilder>();
        return services;
    }
}
