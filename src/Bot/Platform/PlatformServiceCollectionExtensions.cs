using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Newsdesk.Platform;

public static class PlatformServiceCollectionExtensions
{
    /// <summary>The retry policy every platform client shares; added by each adapter, registered once.</summary>
    public static IServiceCollection AddPlatformRetryPolicy(this IServiceCollection services)
    {
        services.TryAddSingleton<PlatformRetryPolicy>();
        return services;
    }
}
