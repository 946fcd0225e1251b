using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Newsdesk.Retrieval;

namespace Newsdesk.Hosting;

/// <summary>Synchronises the corpus and loads the search index in the background, so the server accepts
/// connections (and /healthz answers) at once while /readyz waits for the index.</summary>
public sealed class IndexWarmup(SearchIndexLoader loader, ILogger<IndexWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await loader.LoadAsync(stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogCritical(exception, "Loading the corpus failed; the bot is not ready");
        }
    }
}
