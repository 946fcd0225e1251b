using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Corpus;
using Newsdesk.Retrieval.Planted;
using Newsdesk.Settings;

namespace Newsdesk.Retrieval;

public static class RetrievalServiceCollectionExtensions
{
    public static IServiceCollection AddRetrieval(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RetrievalOptions>(configuration, RetrievalOptions.Section);
        services.AddSingleton(sp => MachineAddressedSentenceClassifier.ForModel(sp.GetRequiredService<PassageEmbedder>()));
        services.AddSingleton<IFreeDiskSpace, DriveFreeDiskSpace>();
        services.AddSingleton<IndexSource>();
        services.AddSingleton<PassageIndexHolder>();
        services.AddSingleton<ICorpusIndex>(provider => provider.GetRequiredService<PassageIndexHolder>());
        services.AddSingleton<LexicalRanker>();
        services.AddSingleton<CoverageJudge>();
        services.AddSingleton<PassageRetriever>();
        services.AddSingleton<SearchIndexLoader>();
        services.AddHostedService<CorpusChangeWatcher>();
        return services;
    }
}
