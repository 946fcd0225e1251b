using Microsoft.Extensions.DependencyInjection;

namespace Newsdesk.Beat;

public static class BeatServiceCollectionExtensions
{
    /// <summary>The beat classifier and its per-snapshot verdicts (weights come from the binary; nothing is fitted here).</summary>
    public static IServiceCollection AddBeat(this IServiceCollection services)
    {
        services.AddSingleton<BeatClassifier>();
        services.AddSingleton<BeatJudge>();
        return services;
    }
}
