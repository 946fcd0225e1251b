using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Storage;
using Newsdesk.Settings;

namespace Newsdesk.Corpus;

public static class CorpusServiceCollectionExtensions
{
    public static IServiceCollection AddCorpus(this IServiceCollection services, IConfiguration configuration, IReadOnlyList<string>? corpusOverride)
    {
        services.AddStorage(configuration);
        var corpus = services.AddValidatedOptions<CorpusOptions>(configuration, CorpusOptions.Section);
        // --corpus replaces the configured folders rather than adding to them (configuration arrays only merge).
        corpus.PostConfigure(o =>
        {
            if (corpusOverride is { Count: > 0 }) o.Folders = [.. corpusOverride];
            o.Folders = o.Folders.Count == 0 ? [CorpusOptions.DefaultFolder] : o.Folders.Distinct(StringComparer.Ordinal).ToList();
        });

        services.AddStore<IKnowledgeStore, KnowledgeStore, PostgresKnowledgeStore>(configuration, KnowledgeStore.Schema, PostgresKnowledgeSchema.Schema);
        services.AddSingleton<PassageEmbedder>();
        services.AddSingleton(IngestProgressTerminal.FromConsole());
        services.AddSingleton<DocumentIngestor>();
        services.AddSingleton<CorpusSynchronizer>();
        return services;
    }
}
