using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Settings;
using Newsdesk.Storage;

namespace Newsdesk.Digest;

public static class DigestServiceCollectionExtensions
{
    /// <summary>Digest composition and preview for every verb; the scheduler runs in <c>serve</c> only when destinations
    /// are configured. Platform adapters add their <see cref="IDigestPoster"/> (the Discord adapter's webhook poster needs no bot).</summary>
    public static IServiceCollection AddDigest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DigestOptions>(configuration, DigestOptions.Section);
        services.AddMetrics();
        services.AddSingleton<DigestMetrics>();
        services.AddSingleton<DigestSchedule>();
        services.AddStorage(configuration);
        services.AddStoreSchema(DigestLedger.Schema);
        services.AddSingleton<DigestLedger>();
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<DigestPublisher>();
        services.AddSingleton<DigestPreview>();
        services.AddSingleton<DigestScheduler>();
        if (configuration.GetSection($"{DigestOptions.Section}:Destinations").GetChildren().Any())
            services.AddHostedService(sp => sp.GetRequiredService<DigestScheduler>());
        return services;
    }
}
