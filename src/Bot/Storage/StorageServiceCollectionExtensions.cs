using Newsdesk.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Newsdesk.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The shared store: its options, connections (SQLite always, for the corpus; PostgreSQL when
    /// <see cref="StorageOptions.Provider"/> says so, opened only then) and write health. Safe to call from every feature.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.Section);
        services.AddMetrics();
        services.TryAddSingleton<SqliteConnections>();
        services.TryAddSingleton<PostgresConnections>();
        services.TryAddSingleton<StoreWriteHealth>();
        services.TryAddSingleton<StoreOpenCheck>();
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

    /// <summary>Declares a store's tables on PostgreSQL; migrated with every other store's before the first connection.</summary>
    public static IServiceCollection AddPostgresSchema(this IServiceCollection services, PostgresSchema schema)
    {
        if (!services.Any(d => d.ServiceType == typeof(PostgresSchema) && Equals(d.ImplementationInstance, schema)))
            services.AddSingleton(schema);
        return services;
    }

    /// <summary>The one place <see cref="StorageOptions.Provider"/> is read: a store offered by both providers is
    /// registered as its <typeparamref name="TStore"/> interface, resolved to <typeparamref name="TSqlite"/> or
    /// <typeparamref name="TPostgres"/> when first asked for, so consumers never know which. Both schemas are declared;
    /// each is created only by its provider's connections, which open only when that provider is used.</summary>
    public static IServiceCollection AddStore<TStore, TSqlite, TPostgres>(
        this IServiceCollection services, IConfiguration configuration, StoreSchema schema, PostgresSchema postgresSchema)
        where TStore : class where TSqlite : class, TStore where TPostgres : class, TStore
    {
        services.AddStorage(configuration);
        services.AddStoreSchema(schema);
        services.AddPostgresSchema(postgresSchema);
        services.TryAddSingleton<TSqlite>();
        services.TryAddSingleton<TPostgres>();
        services.TryAddSingleton<TStore>(provider => provider.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.PostgreSQL
            ? provider.GetRequiredService<TPostgres>()
            : provider.GetRequiredService<TSqlite>());
        return services;
    }
}
