using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Storage;

namespace Newsdesk.Digest;

public static class DigestServiceCollectionExtensions
{
    /// <summary>Digest composition and preview for every verb; the scheduler runs in <c>serve</c> only when destinations
    /// are configured. Platform adapters add their <see cref="IDigestPoster"/> (the Discord adapter's webhook poster needs no bot).</summary>
    public static IServiceCollection AddDigest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DigestOptions>().Bind(configuration.GetSection(DigestOptions.Section)).ValidateDataAnnotations()
            .Validate(o => DigestSchedule.IsValidCron(o.Schedule), "Digest:Schedule is not a valid five-field cron expression.")
            .Validate(o => DigestSchedule.IsValidZone(o.TimeZone), "Digest:TimeZone is not a known IANA time zone.")
            .Validate(o => o.Destinations.All(d => DigestDestination.TryParse(d, out _)),
                "Every Digest:Destinations entry must be slack:CHANNEL_ID, discord:CHANNEL_ID or a Discord channel webhook URL.")
            .Validate(o => o.CatchUpWindow >= TimeSpan.Zero && o.ClaimLease > TimeSpan.Zero, "Digest:CatchUpWindow and Digest:ClaimLease must be positive.")
            .ValidateOnStart();
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
