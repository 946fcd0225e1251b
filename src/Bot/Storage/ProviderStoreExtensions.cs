using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Newsdesk.Storage;

/// <summary>The one place that turns <c>Storage:Provider</c> into stores: a store with an implementation per provider
/// registers both here, and gets the SQLite one (its tables created in the file) or the PostgreSQL one (its migrations
/// applied to the shared database).</summary>
public static class ProviderStoreExtensions
{
    /// <summary>The configured provider, read while services are being registered (before options are bound).</summary>
    public static StorageProvider StorageProvider(this IConfiguration configuration) =>
        configuration.GetValue($"{StorageOptions.Section}:{nameof(StorageOptions.Provider)}", Storage.StorageProvider.Sqlite);

    public static IServiceCollection AddProviderStore<TService, TSqlite, TPostgres>(this IServiceCollection services, IConfiguration configuration,
        StoreSchema sqliteSchema, PostgresSchema postgresSchema)
        where TService : class
        where TSqlite : class, TService
        where TPostgres : class, TService
    {
        services.AddStorage(configuration);
        if (configuration.StorageProvider() == Storage.StorageProvider.PostgreSQL)
        {
            services.TryAddSingleton<PostgresConnections>();
            if (!services.Any(d => d.ServiceType == typeof(PostgresSchema) && Equals(d.ImplementationInstance, postgresSchema)))
                services.AddSingleton(postgresSchema);
            services.TryAddSingleton<TService, TPostgres>();
        }
        else
        {
            services.AddStoreSchema(sqliteSchema);
            services.TryAddSingleton<TService, TSqlite>();
        }
        return services;
    }
}
