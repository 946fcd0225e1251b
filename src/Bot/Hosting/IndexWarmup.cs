using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Storage;

namespace Newsdesk.Hosting;

/// <summary>Synchronises the corpus and loads the search index in the background, so the server accepts
/// connections (and /healthz answers) at once while /readyz waits for the index.</summary>
public sealed class IndexWarmup(SearchIndexLoader loader, PassageIndexHolder index, SqliteConnections connections, ILogger<IndexWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await loader.LoadAsync(stoppingToken);
            var passages = index.Current.Passages;
            logger.LogInformation("Ready: {Documents} documents ({Passages} passages) in {Store}",
                passages.Select(p => p.Source).Distinct(StringComparer.Ordinal).Count(), passages.Count, connections.DatabasePath);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogCritical(exception, "Loading the corpus failed; the bot is not ready");
        }
    }
}
