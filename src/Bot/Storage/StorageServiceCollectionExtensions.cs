using Newsdesk.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Newsdesk.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The shared store: its options, connections and write health. Safe to call from every feature.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.Section);
        services.AddMetrics();
        services.TryAddSingleton<SqliteConnections>();
        services.TryAddSingleton<StoreWriteHealth>();
        services.TryAddSingleton<StoreInstance>(_ => StoreInstance.New());
        return services;
    }

    /// <summary>Declares a store's tables; created with every other store's before the first connection.</summary>
    public static IServiceCollection AddStoreSchema(this IServiceCollection services, StoreSchema schema)
    {
        // Features may declare the same schema twice (Slack adds the chat journal it writes in); it is created once.
        if (!services.Any(d => d.ServiceType == typeof(StoreSchema) && Equals(d.ImplementationInstance, schema)))
            services.AddSingleton(schema);
        return services;
    }
}
