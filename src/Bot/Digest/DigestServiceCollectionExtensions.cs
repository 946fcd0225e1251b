using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Newsdesk.Settings;
using Newsdesk.Storage;

namespace Newsdesk.Digest;

public static class DigestServiceCollectionExtensions
{
    /// <summary>Digest composition and preview for every verb; the scheduler runs in <c>serve</c>, over the configured
    /// destinations and the channels subscribed from chat. Platform adapters add their <see cref="IDigestPoster"/> (the Discord adapter's webhook poster needs no bot).</summary>
    public static IServiceCollection AddDigest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DigestOptions>(configuration, DigestOptions.Section);
        services.AddMetrics();
        services.AddSingleton<DigestMetrics>();
        services.AddSingleton<DigestSchedule>();
        services.AddStorage(configuration);
        services.AddStore<IDigestLedger, DigestLedger, PostgresDigestLedger>(configuration, DigestLedger.Schema, PostgresDigestLedger.Schema);
        services.AddStore<IAdminAuditLog, AdminAuditLog, PostgresAdminAuditLog>(configuration, AdminAuditLog.Schema, PostgresAdminAuditLog.Schema);
        services.AddStore<IDigestSubscriptionStore, DigestSubscriptionStore, PostgresDigestSubscriptionStore>(configuration, DigestSubscriptionStore.Schema, PostgresDigestSubscriptionStore.Schema);
        services.AddSingleton<DigestDestinations>();
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<DigestPublisher>();
        services.AddSingleton<DigestPreview>();
        services.AddSingleton<DigestScheduler>();
        // Always on in serve: a channel subscribed from chat gets the next digest without a restart.
        services.AddHostedService(sp => sp.GetRequiredService<DigestScheduler>());
        return services;
    }
}
