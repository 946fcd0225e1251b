using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Settings;

namespace Newsdesk.Hosting;

/// <summary>Kestrel's limits from <see cref="ServerLimitsOptions"/>, and quiet, counted handling of bodies clients fail
/// to send.</summary>
public static class ServerHardeningExtensions
{
    public static IServiceCollection AddServerHardening(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ServerLimitsOptions>(configuration, ServerLimitsOptions.Section);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServerLimitsOptions>>((kestrel, limits) => limits.Value.ApplyTo(kestrel.Limits));
        services.AddSingleton<ServerMetrics>();
        return services;
    }

    public static WebApplication UseServerHardening(this WebApplication app)
    {
        app.UseMiddleware<RequestReadFailureMiddleware>();
        return app;
    }
}
